// The page's entry: finds out who is signed in, then shows the view the address names.
// Views live in one module each; each exports show(main, params) and draws into `main`.
import { $, clear, h, toast } from './dom.js';
import { ApiError, describe, get, post, setCsrf, whenSignedOut, whenStale } from './api.js';
import { can, roleNames, session, showWhatCan } from './session.js';
import * as login from './login.js';
import * as groups from './groups.js';
import * as editor from './editor.js';
import * as paste from './paste.js';
import * as preview from './preview.js';
import * as editions from './editions.js';
import * as urgent from './urgent.js';
import * as audit from './audit.js';
import * as admin from './admin.js';
import * as fleet from './fleet.js';

const routes = [
    [/^#\/login$/, login],
    [/^#\/?$/, groups],
    [/^#\/g\/([A-Za-z0-9_-]+)$/, editor],
    [/^#\/g\/([A-Za-z0-9_-]+)\/paste$/, paste],
    [/^#\/g\/([A-Za-z0-9_-]+)\/preview$/, preview],
    [/^#\/g\/([A-Za-z0-9_-]+)\/editions$/, editions],
    [/^#\/urgent$/, urgent],
    [/^#\/audit$/, audit],
    [/^#\/admin$/, admin],
    [/^#\/fleet$/, fleet],
];

let leaving = null;  // a view's "are there unsaved changes?" check
export function guardLeaving(check) { leaving = check; }

function drawBar() {
    const bar = $('#bar');
    bar.hidden = !session.user;
    const nav = clear($('#nav'));
    nav.append(h('a', { href: '#/' }, '栏目'));
    nav.append(h('a', { href: '#/fleet' }, '屏幕'));
    if (can('publisher')) nav.append(h('a', { href: '#/urgent', class: 'urgent-link' }, '紧急通知'));
    if (can('admin')) nav.append(h('a', { href: '#/audit' }, '日志'), h('a', { href: '#/admin' }, '用户与栏目'));
    $('#who').textContent = session.user ? `${session.user}（${roleNames[session.role] || session.role}）` : '';
}

let lastHash = '';
async function route() {
    const hash = location.hash || '#/';
    if (leaving && hash !== lastHash && leaving()) {
        if (!window.confirm('有未保存的修改，确定离开吗？')) {
            history.replaceState(null, '', lastHash);
            return;
        }
    }
    leaving = null;
    lastHash = hash;
    if (!session.user && hash !== '#/login') {
        location.hash = '#/login';
        return;
    }
    drawBar();
    const main = clear($('#main'));
    for (const [pattern, view] of routes) {
        const m = hash.match(pattern);
        if (!m) continue;
        try {
            await view.show(main, m.slice(1));
        } catch (err) {
            if (err instanceof ApiError && err.status === 401) return;
            clear(main).append(h('p', { class: 'error-box', role: 'alert', text: describe(err) }));
        }
        window.scrollTo(0, 0);
        return;
    }
    main.append(h('p', { class: 'error-box', text: '没有这个页面。' }), h('a', { href: '#/' }, '回到栏目'));
}

export function signedIn(me) {
    session.user = me.user;
    session.role = me.role;
    session.csrf = me.csrf;
    setCsrf(me.csrf);
}

// `chosen`: staff pressed 退出 (no "expired" message, and the next login starts afresh).
function signedOut(chosen = false) {
    const wasIn = !!session.user && !chosen;
    session.user = session.role = session.csrf = '';
    setCsrf('');
    leaving = null;
    if (location.hash !== '#/login') {
        if (chosen) sessionStorage.removeItem('nb-after-login');
        else sessionStorage.setItem('nb-after-login', location.hash);
        location.hash = '#/login';
        if (wasIn) toast('登录已过期，请重新登录', 'error');
    }
}

// Who is signed in, read again after a refusal that says the page's idea of it is old: the
// bar then names the user and role the desk knows, and the next request carries the token of
// the session the browser really has. A 401 here signs out by itself.
async function reread() {
    try {
        signedIn(await get('/api/me'));
        drawBar();
        showWhatCan($('#main'));
    } catch { /* the refusal itself is already on screen */ }
}

// 退出: signed out only once the server has ended the session (or it had ended already, a
// 401). Any other failure — no connection, a 5xx, a refused token — leaves the session alive,
// so staff stay signed in and are told, beside the button, that they are not signed out.
async function logout() {
    if (leaving && leaving() && !window.confirm('有未保存的修改，退出后会丢失。确定退出？')) return;
    const button = $('#logout');
    const problem = $('#logout-problem');
    problem.hidden = true;
    button.disabled = true;
    whenSignedOut(() => {});  // the logout's own 401 is not an expired session
    try {
        await post('/api/logout');
    } catch (err) {
        if (!(err instanceof ApiError) || err.status !== 401) {
            problem.textContent = `退出失败，你仍处于登录状态。${describe(err)}`;
            problem.hidden = false;
            return;
        }
    } finally {
        whenSignedOut(signedOut);
        button.disabled = false;
    }
    signedOut(true);
}

async function start() {
    whenSignedOut(signedOut);
    whenStale(reread);
    $('#logout').addEventListener('click', logout);
    window.addEventListener('hashchange', route);
    window.addEventListener('beforeunload', (e) => {
        if (leaving && leaving()) e.preventDefault();
    });
    try {
        signedIn(await get('/api/me'));
    } catch (err) {
        if (!(err instanceof ApiError) || err.status !== 401) {
            clear($('#main')).append(h('p', { class: 'error-box', text: describe(err) }));
            return;
        }
    }
    await route();
}

start();
