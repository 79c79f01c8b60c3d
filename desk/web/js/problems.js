// The server's located errors ("items[2].schedule.hours[0]") shown at the field they belong
// to: the element with that data-at, or the nearest one up the path ("items[2].schedule",
// "items[2]"); what has no field goes in the list at the top.
import { clear, h } from './dom.js';
import { inChinese } from './messages.js';

export function parentPath(at) {
    const m = at.match(/^(.*)(\.[^.[\]]+|\[\d+\])$/);
    return m ? m[1] : '';
}

export function slotFor(root, at) {
    for (let path = at; path; path = parentPath(path)) {
        const el = root.querySelector(`[data-at="${CSS.escape(path)}"]`);
        if (el) return el;
    }
    return null;
}

export function clearProblems(root) {
    for (const p of root.querySelectorAll('.problem')) p.textContent = '';
    for (const el of root.querySelectorAll('.has-problem')) el.classList.remove('has-problem');
}

const fieldNames = {
    kicker: '引题', headline: '标题', subhead: '副题', byline: '署名', body: '正文', caption: '图片说明', credit: '摄影署名',
    image: '图片', pictures: '组图', focus: '焦点', fit: '图片适应方式', text: '内容', duration: '秒数', transition: '切换效果', priority: '紧急',
    schedule: '播放时间', from: '开始', until: '结束', weekdays: '星期', hours: '时段', id: '编号', type: '类型',
    title: '标题', ticker: '滚动字幕', timezone: '时区', defaults: '默认值', expires: '结束时间', groups: '栏目',
    name: '名称', password: '密码', role: '角色', link: '二维码网址', motion: '图片动态效果', follow: '关注二维码', label: '文字',
};

// "items[2].schedule.hours[0]" → "第 3 条 · 播放时间 · 时段 1", for people.
export function describePath(at) {
    if (!at) return '整个播放列表';
    return at.split('.').map((part) => {
        const m = part.match(/^(\w+)((?:\[\d+\])*)$/);
        if (!m) return part;
        const indexes = [...m[2].matchAll(/\[(\d+)\]/g)].map((x) => Number(x[1]) + 1);
        if (m[1] === 'items') return `第 ${indexes[0]} 条`;
        const name = fieldNames[m[1]] || m[1];
        return indexes.length ? `${name} 第 ${indexes.join('.')} ${m[1] === 'body' ? '段' : '项'}` : name;
    }).join(' · ');
}

const severityNames = { error: '错误', warning: '提醒' };

// A message of the boards' validation (English, shared with `newsboard check`) in staff's words.
export function sayProblem(message) {
    return inChinese(message, (key) => fieldNames[key] || key);
}

// Shows each problem at its field; returns the summary list for the top of the page. A problem
// is the checker's `error` (English, said here in Chinese) or the page's own `said` (already
// Chinese: a form's own check, a refusal said from its code), shown as it is.
// `onOpen(at)` is called when staff click one (to unfold the item it is in); `action` is what
// the errors stand in the way of ("发布" for a draft, "添加" for a form that adds).
export function showProblems(root, problems, summary, onOpen, { action = '发布' } = {}) {
    clearProblems(root);
    clear(summary);
    if (!problems || !problems.length) {
        summary.hidden = true;
        return;
    }
    const errors = problems.filter((p) => p.severity !== 'warning').length;
    summary.hidden = false;
    summary.append(h('strong', { text: errors ? `有 ${errors} 个错误，需改正后才能${action}` : `有 ${problems.length} 条提醒` }));
    const list = h('ul');
    for (const p of problems) {
        const at = p.at || '';
        const text = `${severityNames[p.severity] || '错误'}：${p.said ?? sayProblem(p.error)}`;
        const el = at ? slotFor(root, at) : null;
        if (el) {
            el.classList.add('has-problem');
            const slot = el.querySelector(':scope > .problem') || el.querySelector('.problem');
            if (slot) slot.textContent = slot.textContent ? `${slot.textContent}；${text}` : text;
        }
        const link = h('button', { type: 'button', class: 'link', onclick: () => onOpen(at) }, describePath(at));
        list.append(h('li', { class: p.severity === 'warning' ? 'warning' : 'error', title: p.error ?? '' }, link, ' ', text));
    }
    summary.append(list);
}
