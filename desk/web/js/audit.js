// The audit log: who did what, when, from where — newest first, more on request.
import { formatTime, h } from './dom.js';
import { describe, get } from './api.js';

export async function show(main) {
    const body = h('tbody');
    const more = h('button', { type: 'button' }, '更早的记录');
    const problem = h('p', { class: 'error-box', hidden: true });
    let before = '';
    const load = async () => {
        try {
            const { entries } = await get(`/api/audit?limit=100${before ? `&before=${encodeURIComponent(before)}` : ''}`);
            for (const e of entries) {
                body.append(h('tr', {}, h('td', { text: formatTime(e.at) }), h('td', { text: e.user || '' }), h('td', { text: e.address || '' }),
                    h('td', { text: e.action || '' }), h('td', { text: e.target || '' }), h('td', { class: 'detail', text: e.detail || '' })));
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
            h('thead', {}, h('tr', {}, ['时间', '用户', '地址', '操作', '对象', '详情'].map((t) => h('th', { text: t })))), body)),
        problem, more);
    await load();
}
