// Building the page: elements from data, staff text always as text (textContent / text
// nodes), never parsed as HTML. Nothing here or anywhere in the page uses innerHTML.

// h('button', {class: 'primary', onclick: f}, '保存', child…)
export function h(tag, attrs = {}, ...children) {
    const el = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
        if (value === undefined || value === null || value === false) continue;
        if (key === 'class') el.className = value;
        else if (key === 'text') el.textContent = value;
        else if (key === 'dataset') Object.assign(el.dataset, value);
        else if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
        else if (key === 'value' || key === 'checked' || key === 'selected' || key === 'disabled') el[key] = value;
        else el.setAttribute(key, value === true ? '' : String(value));
    }
    append(el, children);
    return el;
}

export function append(el, children) {
    for (const child of children.flat(Infinity)) {
        if (child === null || child === undefined || child === false) continue;
        el.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return el;
}

export function clear(el) {
    while (el.firstChild) el.firstChild.remove();
    return el;
}

export function $(selector, root = document) {
    return root.querySelector(selector);
}

let toastTimer = 0;
// A short message at the bottom of the screen; `kind` is 'ok' or 'error'.
export function toast(message, kind = 'ok') {
    const el = document.getElementById('toast');
    el.textContent = message;
    el.className = 'show ' + kind;
    clearTimeout(toastTimer);
    toastTimer = setTimeout(() => { el.className = ''; }, kind === 'error' ? 8000 : 3000);
}

// A labelled form field; `control` is the input. The error slot is filled by showProblems().
export function field(label, control, { at, hint } = {}) {
    const wrap = h('label', { class: 'field', dataset: at ? { at } : undefined },
        h('span', { class: 'label', text: label }), control,
        hint ? h('span', { class: 'hint', text: hint }) : null,
        h('span', { class: 'problem', role: 'alert' }));
    return wrap;
}

export function formatTime(iso) {
    if (!iso) return '';
    const d = typeof iso === 'number' ? new Date(iso * 1000) : new Date(iso);
    if (Number.isNaN(d.getTime())) return String(iso);
    const p = (n) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

// Runs `action` with `button` disabled until it ends, and not at all while an earlier one is
// still on its way: a double click sends one request, not two. (`button` may be any object
// with a `disabled` flag.)
export async function whileBusy(button, action) {
    if (button.disabled) return;
    button.disabled = true;
    try {
        await action();
    } finally {
        button.disabled = false;
    }
}

export function confirmAction(message) {
    return window.confirm(message);
}
