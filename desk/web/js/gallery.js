// The pictures of a gallery item (playlists/README.md: 2 to 20 of {image, focus, caption,
// credit}): each uploaded, captioned and credited like a photo item's, added, removed and moved
// up or down with buttons. The list is redrawn after a change of order; the inputs write
// straight into the picture objects, so nothing typed is lost.
import { clear, field, h } from './dom.js';
import { photoField } from './photo.js';

export const kMaxPictures = 20;

function pictureText(picture, key, at, label, onChange) {
    const input = h('input', { name: key, value: picture[key] || '' });
    input.addEventListener('input', () => {
        if (input.value.trim()) picture[key] = input.value;
        else delete picture[key];
        onChange();
    });
    return field(label, input, { at: `${at}.${key}` });
}

export function picturesField(item, at, onChange) {
    if (!Array.isArray(item.pictures)) item.pictures = [];
    const list = h('ol', { class: 'pictures' });
    const add = h('button', { type: 'button', name: 'add-picture' }, '+ 添加一张图片');
    const count = h('span', { class: 'hint' });
    const wrap = h('div', { class: 'field gallery', dataset: { at: `${at}.pictures` } },
        h('span', { class: 'label', text: '组图（2 至 20 张，按顺序轮播）' }), list,
        h('div', { class: 'buttons' }, add, count), h('span', { class: 'problem', role: 'alert' }));

    const move = (i, to) => {
        const [p] = item.pictures.splice(i, 1);
        item.pictures.splice(to, 0, p);
        draw();
        onChange();
    };
    const draw = () => {
        clear(list);
        const n = item.pictures.length;
        item.pictures.forEach((picture, i) => {
            const pat = `${at}.pictures[${i}]`;
            const tools = h('div', { class: 'buttons picture-tools' },
                h('button', { type: 'button', class: 'quiet', name: 'picture-up', disabled: i === 0,
                    'aria-label': `第 ${i + 1} 张上移`, onclick: () => move(i, i - 1) }, '↑ 上移'),
                h('button', { type: 'button', class: 'quiet', name: 'picture-down', disabled: i === n - 1,
                    'aria-label': `第 ${i + 1} 张下移`, onclick: () => move(i, i + 1) }, '↓ 下移'),
                h('button', { type: 'button', class: 'quiet danger', name: 'picture-remove',
                    'aria-label': `删除第 ${i + 1} 张`, onclick: () => { item.pictures.splice(i, 1); draw(); onChange(); } }, '删除'));
            list.append(h('li', { class: 'picture', dataset: { at: pat } },
                h('span', { class: 'picture-number', text: `第 ${i + 1} 张` }), tools,
                photoField(picture, pat, onChange),
                pictureText(picture, 'caption', pat, '图片说明', onChange),
                pictureText(picture, 'credit', pat, '摄影署名', onChange),
                h('span', { class: 'problem', role: 'alert' })));
        });
        add.disabled = n >= kMaxPictures;
        count.textContent = `${n} 张`;
    };
    add.addEventListener('click', () => {
        item.pictures.push({});
        draw();
        onChange();
        list.lastElementChild?.querySelector('input[name=photo]')?.closest('.field')?.scrollIntoView({ block: 'nearest' });
    });
    draw();
    return wrap;
}
