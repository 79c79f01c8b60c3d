// The audit log: who did what, when, from where — newest first, more on request.
import { formatTime, h } from './dom.js';
import { describe, get } from './api.js';

// What each recorded action means, in the desk's language. The code stays beside it, small:
// it is what an administrator searches the server's log and database for.
const ACTIONS = {
    'login': '登录', 'logout': '退出', 'login.failed': '登录失败', 'login.limited': '登录受限（尝试过多）',
    'login.refused': '登录被拒', 'draft.save': '保存草稿', 'draft.submit': '提交审核', 'draft.approve': '审核通过',
    'publish': '发布', 'restore': '恢复旧版', 'urgent': '紧急通知', 'media.upload': '上传图片',
    'user.add': '添加用户', 'user.role': '更改角色', 'user.password': '更改密码', 'user.remove': '删除用户',
    'user.totp': '设置二次验证', 'group.add': '添加栏目', 'fleet.enrol': '屏幕申请接入',
    'fleet.enrol.conflict': '屏幕身份冲突', 'fleet.approve': '批准屏幕', 'fleet.revoke': '吊销屏幕',
    'fleet.forget': '移除屏幕', 'fleet.screenshot': '请求截图', 'fleet.alerts': '设置离线提醒',
};

const ROLES = { editor: '编辑', publisher: '发布者', admin: '管理员' };
const SIGN_IN_FIELDS = { password: '用户名或密码错误', totp: '验证码错误或未填' };

// The server records details in a fixed English form (what an administrator greps for); they are
// said again here in the desk's language, with the recorded text kept in the cell's title.
const DETAILS = [
    [/^revision (\d+)$/, (m) => `修订 ${m[1]}`],
    [/^edition (\d+) from draft revision (\d+)$/, (m) => `第 ${m[1]} 版（草稿修订 ${m[2]}）`],
    [/^edition (\d+) as edition (\d+)$/, (m) => `第 ${m[1]} 版重新发布为第 ${m[2]} 版`],
    [/^edition (\d+) until (.+)$/, (m) => `第 ${m[1]} 版，${formatTime(m[2])} 到期`],
    [/^(\d+) s (\d\d:\d\d)-(\d\d:\d\d)$/, (m) => `离线 ${m[1]} 秒后提醒，${m[2]}–${m[3]}`],
    [/^no second factor$/, () => '未设置二次验证'],
    [/^second factor set$/, () => '已设置二次验证'],
];

function detailText(action, detail) {
    if (action === 'user.add' || action === 'user.role') return ROLES[detail] || detail;
    if (action === 'login.failed') return SIGN_IN_FIELDS[detail] || detail;
    for (const [pattern, say] of DETAILS) {
        const m = pattern.exec(detail);
        if (m) return say(m);
    }
    return detail;
}

// A cell whose shown text may differ from what the server recorded; the record stays in its title.
function said(text, recorded, attrs = {}) {
    const cell = h('td', { ...attrs, text });
    if (recorded && recorded !== text) cell.title = recorded;
    return cell;
}

// What an entry is about and its detail, as staff say them. A picture is stored by its sha256,
// but staff know it by the file they uploaded: that name is the object, the hash only a title.
function aboutCells(e) {
    const target = e.target || '', detail = e.detail || '';
    if (e.action === 'media.upload') return [said(detail || '图片', target), h('td', { class: 'detail' })];
    if (e.action === 'fleet.screenshot') return [h('td', { text: target }), said('', detail, { class: 'detail' })];
    return [h('td', { text: target }), said(detailText(e.action || '', detail), detail, { class: 'detail' })];
}

function actionCell(code) {
    const label = ACTIONS[code];
    if (!label) return h('td', { text: code });
    return h('td', {}, h('span', { text: label }), ' ', h('code', { class: 'action-code', text: code }));
}

export async function show(main) {
    const body = h('tbody');
    const more = h('button', { type: 'button' }, '更早的记录');
    const problem = h('p', { class: 'error-box', hidden: true });
    const heads = ['时间', '用户', '地址', '操作', '对象', '详情'];
    let before = '';
    const load = async () => {
        try {
            const { entries } = await get(`/api/audit?limit=100${before ? `&before=${encodeURIComponent(before)}` : ''}`);
            for (const e of entries) {
                const cells = [h('td', { text: formatTime(e.at) }), h('td', { text: e.user || '' }), h('td', { text: e.address || '' }),
                    actionCell(e.action || ''), ...aboutCells(e)];
                // The heading of each cell, for the phone layout where the table's head is hidden.
                cells.forEach((c, i) => c.setAttribute('data-label', heads[i]));
                body.append(h('tr', {}, ...cells));
            }
            if (entries.length) before = String(entries[entries.length - 1].id);
            more.hidden = entries.length < 100;
        } catch (err) {
            problem.textContent = describe(err);
            problem.hidden = false;
        }
    };
    more.addEventListener('click', load);
    main.append(h('h1', { text: '操作日志' }),
        h('div', { class: 'scroll-x' }, h('table', { class: 'audit' },
            h('thead', {}, h('tr', {}, heads.map((t) => h('th', { text: t })))), body)),
        problem, more);
    await load();
}
