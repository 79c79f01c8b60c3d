// Every published edition of a group, newest first: who, when, what changed against the one
// before, and one click to publish an old edition again.
import { clear, formatTime, h, toast } from './dom.js';
import { describe, get, group, post } from './api.js';
import { can } from './session.js';

const kindNames = { publish: '发布', restore: '恢复', urgent: '紧急通知' };
const opNames = { added: '新增', removed: '删除', changed: '修改', moved: '移动' };

export async function show(main, [id]) {
    const { editions } = await get(group(id) + '/editions');
    main.append(h('h1', { text: '历史版本' }), h('a', { href: `#/g/${id}` }, '回到编辑'));
    if (!editions.length) {
        main.append(h('p', { text: '还没有发布过。' }));
        return;
    }
    const diffBox = h('div', { class: 'diff card', hidden: true });
    const table = h('table', { class: 'editions' },
        h('thead', {}, h('tr', {}, ['版本', '类型', '发布人', '时间', '说明', ''].map((t) => h('th', { text: t })))),
        h('tbody', {}, editions.map((e, i) => {
            const older = editions[i + 1];
            return h('tr', { class: i === 0 ? 'current' : '' },
                h('td', { text: `第 ${e.number} 版${i === 0 ? '（当前）' : ''}` }),
                h('td', { text: kindNames[e.kind] || e.kind || '' }),
                h('td', { text: e.published_by || '' }),
                h('td', { text: formatTime(e.published_at) }),
                h('td', { text: e.note || '' }),
                h('td', { class: 'actions' },
                    older ? h('button', { type: 'button', onclick: () => showDiff(id, e.number, older.number, diffBox) }, '看改动') : null,
                    i > 0 && can('publisher') ? h('button', { type: 'button', class: 'publish', dataset: { needs: 'publisher' }, onclick: () => restore(id, e.number) }, '恢复此版') : null));
        })));
    main.append(h('div', { class: 'scroll-x' }, table), diffBox);
}

async function showDiff(id, number, against, box) {
    clear(box).hidden = false;
    try {
        const { changes } = await get(`${group(id)}/editions/${number}/diff?against=${against}`);
        box.append(h('h2', { text: `第 ${number} 版相对第 ${against} 版` }));
        if (!changes.length) box.append(h('p', { text: '内容没有变化。' }));
        box.append(h('ul', {}, changes.map((c) => h('li', { class: `op ${c.op}` },
            h('span', { class: 'badge', text: opNames[c.op] || c.op }), ' ',
            h('span', { text: c.id ? `条目 ${c.id}` : '播放列表设置' }),
            c.fields && c.fields.length ? h('span', { class: 'muted', text: ` （${c.fields.join('、')}）` }) : null))));
        box.scrollIntoView({ block: 'start' });
    } catch (err) {
        box.append(h('p', { class: 'error-box', text: describe(err) }));
    }
}

async function restore(id, number) {
    if (!window.confirm(`把第 ${number} 版重新发布到所有屏幕？`)) return;
    try {
        const r = await post(`${group(id)}/editions/${number}/restore`);
        toast(`已恢复：第 ${number} 版作为第 ${r.edition} 版发布`);
        location.hash = `#/g/${id}/editions`;
        window.dispatchEvent(new HashChangeEvent('hashchange'));
    } catch (err) {
        toast(describe(err), 'error');
    }
}
