// One playlist item as a form: the fields of its type, its timing and its schedule. Every
// input writes straight into the item object; empty optional fields are left out.
import { field, h } from './dom.js';
import { scheduleEditor } from './schedule.js';
import { fitField, photoField } from './photo.js';
import { picturesField } from './gallery.js';

export const typeNames = { article: '文章', photo: '图片', notice: '通知', image: '整屏图片', index: '目录', gallery: '组图' };
const transitionNames = [['', '默认'], ['crossfade', '淡入淡出'], ['push', '推移'], ['cut', '直接切换']];

function textInput(item, key, at, label, { long = false, required = false, hint, onChange }) {
    const control = long
        ? h('textarea', { name: key, rows: 3, value: item[key] || '' })
        : h('input', { name: key, value: item[key] || '', required });
    control.addEventListener('input', () => {
        const v = control.value;
        if (v.trim() || required) item[key] = v;
        else delete item[key];
        onChange();
    });
    return field(label, control, { at: `${at}.${key}`, hint });
}

// The page's QR code (playlists/README.md, "Links and QR codes"): https only, checked by the
// board's own validation when the draft is saved.
function linkInput(item, at, onChange) {
    const input = h('input', { name: 'link', type: 'url', inputmode: 'url', placeholder: 'https://', value: item.link || '' });
    input.addEventListener('input', () => {
        if (input.value.trim()) item.link = input.value.trim();
        else delete item.link;
        onChange();
    });
    return field('二维码网址（可选）', input, { at: `${at}.link`, hint: '读者用手机扫码打开的网址，须以 https:// 开头；屏上显示二维码和“扫码阅读全文”' });
}

// A gallery's pictures close in slowly where the board has a GPU, or stand still.
function motionField(item, at, onChange) {
    const select = h('select', { name: 'motion' },
        h('option', { value: 'drift', selected: item.motion !== 'still' }, '缓慢推近（屏幕有 GPU 时；否则静止）'),
        h('option', { value: 'still', selected: item.motion === 'still' }, '静止'));
    select.addEventListener('change', () => {
        if (select.value === 'drift') delete item.motion;
        else item.motion = select.value;
        onChange();
    });
    return field('图片动态效果', select, { at: `${at}.motion` });
}

function bodyInput(item, at, onChange) {
    const count = h('span', { class: 'hint' });
    const text = h('textarea', { name: 'body', rows: 10, value: (item.body || []).join('\n\n') });
    const update = () => {
        item.body = text.value.split(/\n[ \t\u3000]*\n/).map((p) => p.trim()).filter((p) => p);
        count.textContent = `${item.body.length} 段，${item.body.join('').length} 字。段与段之间空一行。`;
    };
    text.addEventListener('input', () => { update(); onChange(); });
    update();
    const f = field('正文', text, { at: `${at}.body` });
    f.insertBefore(count, f.querySelector('.problem'));
    return f;
}

function timing(item, at, onChange) {
    const duration = h('input', { type: 'number', min: '1', max: '86400', step: '1', name: 'duration', value: item.duration ?? '' , inputmode: 'numeric' });
    duration.addEventListener('input', () => {
        if (duration.value === '') delete item.duration;
        else item.duration = Number(duration.value);
        onChange();
    });
    const transition = h('select', { name: 'transition' },
        transitionNames.map(([v, n]) => h('option', { value: v, selected: (item.transition || '') === v }, n)));
    transition.addEventListener('change', () => {
        if (transition.value) item.transition = transition.value;
        else delete item.transition;
        onChange();
    });
    const urgent = h('input', { type: 'checkbox', name: 'urgent', checked: item.priority === 'urgent' });
    urgent.addEventListener('change', () => {
        if (urgent.checked) item.priority = 'urgent';
        else delete item.priority;
        onChange();
    });
    return h('div', { class: 'grid3' },
        field('每页显示秒数', duration, { at: `${at}.duration`, hint: '空着即用默认值' }),
        field('切换效果', transition, { at: `${at}.transition` }),
        h('label', { class: 'field check', dataset: { at: `${at}.priority` } }, urgent, h('span', { text: '紧急（插播，需设结束时间）' }),
            h('span', { class: 'problem', role: 'alert' })));
}

export function itemForm(item, at, zone, onChange) {
    const o = { onChange };
    const parts = [];
    switch (item.type) {
        case 'article':
            parts.push(textInput(item, 'kicker', at, '引题', o), textInput(item, 'headline', at, '标题', { ...o, required: true }),
                textInput(item, 'subhead', at, '副题', o), textInput(item, 'byline', at, '署名', o), bodyInput(item, at, onChange),
                linkInput(item, at, onChange));
            break;
        case 'photo':
            parts.push(photoField(item, at, onChange), fitField(item, at, onChange), textInput(item, 'headline', at, '标题', o),
                textInput(item, 'caption', at, '图片说明', { ...o, long: true }), textInput(item, 'credit', at, '摄影署名', o),
                linkInput(item, at, onChange));
            break;
        case 'image':
            parts.push(photoField(item, at, onChange), fitField(item, at, onChange), textInput(item, 'headline', at, '标题（目录和字幕用）', o),
                textInput(item, 'caption', at, '图片说明', { ...o, long: true }));
            break;
        case 'gallery':
            parts.push(textInput(item, 'kicker', at, '引题', o), textInput(item, 'headline', at, '标题', { ...o, required: true }),
                picturesField(item, at, onChange), fitField(item, at, onChange), motionField(item, at, onChange),
                linkInput(item, at, onChange));
            break;
        case 'notice':
            parts.push(textInput(item, 'headline', at, '标题', o), textInput(item, 'text', at, '内容', { ...o, long: true }),
                linkInput(item, at, onChange));
            break;
        default:
            parts.push(textInput(item, 'headline', at, '标题', o));
    }
    parts.push(timing(item, at, onChange), scheduleEditor(item, at, zone, onChange));
    return h('div', { class: 'item-form' }, parts);
}

export function summaryOf(item) {
    return item.headline || item.caption || item.text || (item.body && item.body[0]) || '（无标题）';
}

export function newItem(type, playlist) {
    const used = new Set((playlist.items || []).map((i) => i.id));
    let n = 1;
    while (used.has(`${type}-${n}`)) ++n;
    const item = { id: `${type}-${n}`, type };
    if (type === 'article') Object.assign(item, { headline: '', body: [] });
    if (type === 'notice') item.headline = '';
    if (type === 'gallery') Object.assign(item, { headline: '', pictures: [] });
    return item;
}

// Gives pasted items ids that the draft does not use yet.
export function freshIds(items, playlist) {
    const used = new Set((playlist.items || []).map((i) => i.id));
    return items.map((item) => {
        let id = item.id;
        for (let n = 2; used.has(id); ++n) id = `${item.id}-${n}`;
        used.add(id);
        return { ...item, id };
    });
}
