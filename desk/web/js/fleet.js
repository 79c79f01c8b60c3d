// The fleet: every board with its presence and what it shows against what was published (a
// board on an old edition is flagged, never green), its errors and last screenshot, filtered
// by group; admins approve and revoke boards and set each group's offline alert; and the
// proof-of-play report per item, board and hour, with a CSV download. docs/desk-api.md "Fleet".
import { append, clear, formatTime, h, toast } from './dom.js';
import { describe, get, post, put } from './api.js';
import { can } from './session.js';
import { boardProblem } from './board_problems.js';

const stateNames = { pending: '待批准', approved: '已批准', revoked: '已撤销', unenrolled: '未登记' };
const verdictText = {
    current: ['ok', '最新版'],
    stale: ['flag', '旧版本'],
    foreign: ['flag', '未知版本'],
    nothing: ['flag', '未显示节目'],
    unknown: ['unknown', '无状态'],
};

function presence(b) {
    if (b.online) return h('span', { class: 'badge ok', text: '在线' });
    return h('span', { class: 'badge off', text: b.last_seen ? `离线 · 最后 ${formatTime(b.last_seen)}` : '从未上线' });
}

function edition(b) {
    const [kind, label] = verdictText[b.edition.verdict] || verdictText.unknown;
    let text = label;
    if (b.edition.verdict === 'stale') text = `${label}：第 ${b.edition.showing} 版（最新第 ${b.edition.published} 版）`;
    else if (b.edition.published && b.edition.verdict === 'current') text = `${label}：第 ${b.edition.published} 版`;
    return h('span', { class: `badge ${kind}`, dataset: { verdict: b.edition.verdict }, text });
}

function boardCard(b, groupName, reload) {
    const actions = h('div', { class: 'toolbar' });
    const decide = (verb, label, cls, needs) => h('button', {
        type: 'button', class: cls, text: label, dataset: { needs },
        onclick: async () => {
            try {
                await post(`/api/fleet/boards/${encodeURIComponent(b.id)}/${verb}`);
                toast(`${b.id}：${label}`);
                reload();
            } catch (err) { toast(describe(err), 'error'); }
        },
    });
    if (can('admin') && b.state !== 'unenrolled') {
        if (b.state !== 'approved') actions.append(decide('approve', '批准', 'primary', 'admin'));
        if (b.state !== 'revoked') actions.append(decide('revoke', '撤销', 'danger', 'admin'));
    }
    if (can('publisher') && b.state === 'approved') actions.append(decide('screenshot-request', '请求截图', '', 'publisher'));
    const status = b.status || {};
    const facts = [
        ['栏目', groupName(b.group)],
        ['正在显示', status.item || '—'],
        ['版本', status.version || '—'],
        ['运行', status.uptime_s != null ? `${Math.round(status.uptime_s / 3600)} 小时` : '—'],
    ];
    if (status.display_off) facts.push(['屏幕', '已关闭']);
    if (status.standby) facts.push(['状态', '待机']);
    if (status.cpu_temp_c != null) facts.push(['温度', `${status.cpu_temp_c} °C`]);
    const shot = b.screenshot_at
        ? h('figure', { class: 'shot' }, h('img', { src: `/api/fleet/boards/${encodeURIComponent(b.id)}/screenshot?at=${encodeURIComponent(b.screenshot_at)}`, alt: `${b.id} 的截图`, loading: 'lazy' }),
            h('figcaption', { text: `截图 ${formatTime(b.screenshot_at)}` }))
        : null;
    return h('article', { class: `board-card${b.alert ? ' alert' : ''}${b.edition.verdict === 'stale' ? ' stale' : ''}`, dataset: { board: b.id, state: b.state } },
        h('header', {}, h('h2', { text: b.id }), h('span', { class: `badge state-${b.state}`, text: stateNames[b.state] || b.state })),
        h('div', { class: 'badges' }, presence(b), edition(b)),
        h('dl', {}, facts.map(([k, v]) => [h('dt', { text: k }), h('dd', { text: String(v) })])),
        b.errors.length ? h('ul', { class: 'errors' }, b.errors.map((e) => {
            const p = boardProblem(e);
            return h('li', {}, h('span', { class: 'summary', text: p.summary }), h('span', { class: 'detail', lang: 'en', text: p.detail }));
        })) : null,
        shot, actions);
}

function alertForm(groups, reload) {
    if (!can('admin') || !groups.length) return null;
    const group = h('select', {}, groups.map((g) => h('option', { value: g.id, text: g.name })));
    const after = h('input', { type: 'number', min: 1, max: 10080, inputmode: 'numeric' });
    const from = h('input', { type: 'time' });
    const to = h('input', { type: 'time' });
    const fill = () => {
        const g = groups.find((x) => x.id === group.value);
        after.value = Math.round(g.offline_after_s / 60);
        from.value = g.quiet_from;
        to.value = g.quiet_to;
    };
    group.addEventListener('change', fill);
    fill();
    const save = h('button', { type: 'button', class: 'primary', text: '保存提醒设置', onclick: async () => {
        try {
            await put(`/api/fleet/groups/${encodeURIComponent(group.value)}/alerts`,
                { offline_after_s: Number(after.value) * 60, quiet_from: from.value, quiet_to: to.value });
            toast('已保存');
            reload();
        } catch (err) { toast(describe(err), 'error'); }
    } });
    return h('details', { class: 'alert-rules' }, h('summary', { text: '离线提醒设置' }),
        h('div', { class: 'toolbar' }, h('label', {}, '栏目 ', group), h('label', {}, '离线超过（分钟） ', after),
            h('label', {}, '关屏时段 ', from, ' – ', to), save),
        h('p', { class: 'hint', text: '关屏时段内离线的屏幕不提醒（编辑台服务器的本地时间）。' }));
}

function isoDay(offsetDays) {
    const d = new Date(Date.now() + offsetDays * 86400000);
    return d.toISOString().slice(0, 10);
}

function playsReport(boards) {
    const from = h('input', { type: 'date', value: isoDay(-1) });
    const to = h('input', { type: 'date', value: isoDay(1) });
    const board = h('select', {}, h('option', { value: '', text: '全部屏幕' }), boards.map((b) => h('option', { value: b.id, text: b.id })));
    const body = h('tbody');
    const csv = h('a', { class: 'button', text: '下载 CSV', download: 'plays.csv' });
    const problem = h('p', { class: 'error-box', hidden: true });
    const query = () => `/api/fleet/plays?from=${from.value}T00:00:00Z&to=${to.value}T00:00:00Z${board.value ? `&board=${encodeURIComponent(board.value)}` : ''}`;
    const load = async () => {
        csv.href = query() + '&format=csv';
        try {
            const { rows } = await get(query());
            clear(body);
            for (const r of rows) {
                body.append(h('tr', {}, h('td', { text: formatTime(r.hour) }), h('td', { text: r.item }), h('td', { text: r.board }),
                    h('td', { class: 'num', text: String(r.plays) }), h('td', { class: 'num', text: String(Math.round(r.duration_ms / 1000)) })));
            }
            if (!rows.length) body.append(h('tr', {}, h('td', { colspan: 5, class: 'hint', text: '这段时间没有播放记录。' })));
            problem.hidden = true;
        } catch (err) {
            problem.textContent = describe(err);
            problem.hidden = false;
        }
    };
    for (const el of [from, to, board]) el.addEventListener('change', load);
    load();
    return h('section', { class: 'plays' }, h('h2', { text: '播放证明' }),
        h('div', { class: 'toolbar fleet-bar' }, h('label', {}, '从 ', from), h('label', {}, '到 ', to), board, csv),
        problem,
        h('div', { class: 'scroll-x' }, h('table', { class: 'plays' },
            h('thead', {}, h('tr', {}, ['小时', '内容', '屏幕', '次数', '秒'].map((t) => h('th', { text: t })))), body)));
}

export async function show(main) {
    let filter = sessionStorage.getItem('fleet-group') || '';
    const list = h('div', { class: 'board-grid' });
    const alerts = h('div', { class: 'alerts', role: 'status' });
    const summary = h('p', { class: 'hint' });
    const select = h('select', { 'aria-label': '按栏目筛选' });
    const reports = h('div');
    let data = { boards: [], groups: [] };
    const draw = () => {
        clear(list);
        const shown = data.boards.filter((b) => !filter || b.group === filter);
        const names = new Map(data.groups.map((g) => [g.id, g.name]));
        for (const b of shown) list.append(boardCard(b, (id) => names.get(id) || id, reload));
        if (!shown.length) list.append(h('p', { class: 'hint', text: '还没有屏幕。屏幕用 --desk 启动后会在这里等待批准。' }));
        const online = shown.filter((b) => b.online).length;
        const stale = shown.filter((b) => b.edition.verdict === 'stale').length;
        summary.textContent = `${shown.length} 块屏幕 · ${online} 在线 · ${stale} 显示旧版本 · ${shown.filter((b) => b.state === 'pending').length} 待批准`;
        clear(alerts);
        const down = shown.filter((b) => b.alert);
        if (down.length) {
            alerts.append(h('p', { class: 'error-box', role: 'alert' },
                `${down.length} 块屏幕离线过久：`, down.map((b) => `${b.id}（最后 ${formatTime(b.last_seen)}）`).join('、')));
        }
    };
    const reload = async () => {
        try {
            data = await get('/api/fleet/boards');
        } catch (err) {
            clear(alerts).append(h('p', { class: 'error-box', text: describe(err) }));
            return;
        }
        append(clear(select), [h('option', { value: '', text: '全部栏目' }),
            data.groups.map((g) => h('option', { value: g.id, text: g.name, selected: g.id === filter }))]);
        draw();
        append(clear(reports), [alertForm(data.groups, reload), playsReport(data.boards)]);
    };
    select.addEventListener('change', () => {
        filter = select.value;
        sessionStorage.setItem('fleet-group', filter);
        draw();
    });
    main.append(h('h1', { text: '屏幕' }),
        h('div', { class: 'toolbar fleet-bar' }, select, h('button', { type: 'button', class: 'quiet', text: '刷新', onclick: reload })),
        summary, alerts, list, reports);
    await reload();
}
