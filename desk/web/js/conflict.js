// Two people saved the same draft: nothing is overwritten. Both versions are shown side by side
// (item by item), and staff choose — keep theirs (with their own version kept on screen to
// copy from) or save theirs over it knowingly.
import { clear, h } from './dom.js';
import { summaryOf, typeNames } from './items.js';
import { apiMessage } from './messages.js';

function column(title, playlist, other) {
    const ids = new Map((other.items || []).map((i) => [i.id, JSON.stringify(i)]));
    return h('div', { class: 'side' }, h('h3', { text: title }),
        h('ol', {}, (playlist.items || []).map((item) => {
            const same = ids.get(item.id) === JSON.stringify(item);
            const mark = !ids.has(item.id) ? '新增' : same ? '' : '不同';
            return h('li', { class: mark ? 'differs' : '' },
                h('span', { class: 'type', text: typeNames[item.type] || item.type }), ' ', summaryOf(item),
                mark ? h('span', { class: 'badge dirty', text: mark }) : null);
        })));
}

const settingNames = { title: '标题', ticker: '滚动字幕', timezone: '时区', defaults: '默认值' };

// What differs outside the items, and whether the items are in another order.
function otherDifferences(mine, theirs) {
    const out = [];
    for (const key of new Set([...Object.keys(mine), ...Object.keys(theirs)])) {
        if (key === 'items') continue;
        if (JSON.stringify(mine[key]) !== JSON.stringify(theirs[key])) out.push(settingNames[key] || key);
    }
    const order = (p) => (p.items || []).map((i) => i.id).join('\n');
    if (order(mine) !== order(theirs)) out.push('条目顺序');
    return out;
}

export function showConflict(box, mine, theirs, { keepMine, takeTheirs }) {
    clear(box).hidden = false;
    const others = otherDifferences(mine, theirs.playlist || {});
    const saved = JSON.stringify(mine, null, 2);
    box.append(
        h('h2', { text: '保存冲突：有人在你编辑时保存了新版本' }),
        h('p', { text: apiMessage(409, theirs), title: theirs.error }),
        h('p', { text: '你的修改还没有保存，也没有丢失。请比较两个版本后选择：' }),
        others.length ? h('p', { class: 'differs-note', text: `另外不同的：${others.join('、')}` }) : null,
        h('div', { class: 'sides' }, column('你的版本（未保存）', mine, theirs.playlist), column(`对方的版本（修订 ${theirs.revision}，${theirs.updated_by || ''}）`, theirs.playlist, mine)),
        h('div', { class: 'toolbar' },
            h('button', { type: 'button', class: 'primary', onclick: keepMine }, '保存我的版本（覆盖对方的修改）'),
            h('button', { type: 'button', onclick: takeTheirs }, '改用对方的版本')),
        h('details', {}, h('summary', {}, '我的版本全文（可复制保存）'),
            h('textarea', { class: 'mine-json', readonly: true, rows: 12, value: saved })));
}
