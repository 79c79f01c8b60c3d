// When an item is shown: dates, weekdays, hours (a range may cross midnight) and an embargo to
// the minute (a date with a time is an instant, RFC 3339 with the playlist zone's offset).
import { field, h } from './dom.js';

const days = [['mon', '一'], ['tue', '二'], ['wed', '三'], ['thu', '四'], ['fri', '五'], ['sat', '六'], ['sun', '日']];

// "+08:00" for a zone at a local date and time.
export function offsetOf(zone, date, time) {
    try {
        const parts = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' })
            .formatToParts(new Date(`${date}T${time}:00Z`));
        const name = (parts.find((p) => p.type === 'timeZoneName') || {}).value || 'GMT';
        const m = name.match(/GMT([+-]\d{2}):?(\d{2})?/);
        return m ? `${m[1]}:${m[2] || '00'}` : '+00:00';
    } catch {
        return '+08:00';
    }
}

function splitInstant(value) {
    if (typeof value !== 'string' || !value) return ['', ''];
    const m = value.match(/^(\d{4}-\d{2}-\d{2})(?:T(\d{2}:\d{2}))?/);
    return m ? [m[1], m[2] || ''] : [value, ''];
}

function normaliseWeekdays(list) {
    if (!Array.isArray(list)) return [];
    return list.map((d) => (typeof d === 'number' ? days[d - 1] && days[d - 1][0] : d)).filter(Boolean);
}

// The schedule editor for `item` (edits item.schedule in place); `at` is the item's path.
export function scheduleEditor(item, at, zone, onChange) {
    const s = item.schedule || {};
    const [fromDate, fromTime] = splitInstant(s.from);
    const [untilDate, untilTime] = splitInstant(s.until);
    const inputs = {
        fromDate: h('input', { type: 'date', value: fromDate, name: 'from-date' }),
        fromTime: h('input', { type: 'time', value: fromTime, name: 'from-time' }),
        untilDate: h('input', { type: 'date', value: untilDate, name: 'until-date' }),
        untilTime: h('input', { type: 'time', value: untilTime, name: 'until-time' }),
    };
    const weekdays = new Set(normaliseWeekdays(s.weekdays));
    const dayBoxes = days.map(([key, name]) => {
        const box = h('input', { type: 'checkbox', value: key, checked: weekdays.has(key), name: 'weekday-' + key });
        return h('label', { class: 'day' }, box, '周' + name);
    });
    const hours = (Array.isArray(s.hours) ? s.hours : s.hours ? [s.hours] : []).map((r) => String(r).split('-'));
    const hoursList = h('div', { class: 'hours', dataset: { at: at + '.schedule.hours' } });

    const write = () => {
        const out = {};
        const instant = (date, time) => (time ? `${date}T${time}:00${offsetOf(zone, date, time)}` : date);
        if (inputs.fromDate.value) out.from = instant(inputs.fromDate.value, inputs.fromTime.value);
        if (inputs.untilDate.value) out.until = instant(inputs.untilDate.value, inputs.untilTime.value);
        const chosen = dayBoxes.map((l) => l.querySelector('input')).filter((b) => b.checked).map((b) => b.value);
        if (chosen.length && chosen.length < 7) out.weekdays = chosen;
        const ranges = [...hoursList.querySelectorAll('.range')]
            .map((r) => r.querySelectorAll('input'))
            .filter(([a, b]) => a.value && b.value)
            .map(([a, b]) => `${a.value}-${b.value === '00:00' ? '24:00' : b.value}`);
        if (ranges.length) out.hours = ranges;
        if (Object.keys(out).length) item.schedule = out;
        else delete item.schedule;
        summary.textContent = describeSchedule(item.schedule);
        onChange();
    };

    const addRange = (start = '', end = '') => {
        const a = h('input', { type: 'time', value: start, name: 'hours-start' });
        const b = h('input', { type: 'time', value: end === '24:00' ? '00:00' : end, name: 'hours-end' });
        const note = h('span', { class: 'hint' });
        const mark = () => { note.textContent = a.value && b.value && b.value !== '00:00' && b.value <= a.value ? '跨午夜，到次日' : ''; };
        const row = h('div', { class: 'range' }, a, '至', b, note,
            h('button', { type: 'button', class: 'quiet', 'aria-label': '删除时段', onclick: () => { row.remove(); write(); } }, '删除'));
        for (const input of [a, b]) input.addEventListener('change', () => { mark(); write(); });
        mark();
        hoursList.append(row);
    };
    for (const [a, b] of hours) addRange(a, b);

    for (const input of Object.values(inputs)) input.addEventListener('change', write);
    for (const l of dayBoxes) l.querySelector('input').addEventListener('change', write);

    const summary = h('span', { class: 'muted', text: describeSchedule(item.schedule) });
    return h('details', { class: 'schedule', dataset: { at: at + '.schedule' }, open: !!item.schedule },
        h('summary', {}, '播放时间 ', summary),
        h('div', { class: 'grid2' },
            field('开始日期', inputs.fromDate, { at: at + '.schedule.from' }),
            field('开始时刻（禁发到此时刻，可不填）', inputs.fromTime),
            field('结束日期', inputs.untilDate, { at: at + '.schedule.until' }),
            field('结束时刻（可不填）', inputs.untilTime)),
        h('fieldset', { class: 'days', dataset: { at: at + '.schedule.weekdays' } }, h('legend', { text: '星期（都不选即每天）' }), dayBoxes,
            h('span', { class: 'problem', role: 'alert' })),
        h('div', { class: 'field' }, h('span', { class: 'label', text: '每天的时段（可跨午夜，如 22:00 至 02:00）' }), hoursList,
            h('button', { type: 'button', onclick: () => addRange('07:00', '21:00') || write() }, '+ 添加时段'),
            h('span', { class: 'problem', role: 'alert' })));
}

export function describeSchedule(s) {
    if (!s) return '（一直播放）';
    const parts = [];
    if (s.from) parts.push('从 ' + s.from.replace('T', ' ').replace(/:00([+-]\d{2}:\d{2}|Z)$/, ''));
    if (s.until) parts.push('到 ' + s.until.replace('T', ' ').replace(/:00([+-]\d{2}:\d{2}|Z)$/, ''));
    if (s.weekdays) parts.push(normaliseWeekdays(s.weekdays).map((d) => '周' + (days.find(([k]) => k === d) || ['', d])[1]).join(''));
    if (s.hours) parts.push([].concat(s.hours).join('、'));
    return '（' + parts.join('，') + '）';
}
