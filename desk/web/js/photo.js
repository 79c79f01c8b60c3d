// A picture for a photo item: taken with the phone's camera or chosen from the computer,
// uploaded with progress; staff see the picture and its size, never its hash or file name.
// A click (or tap) on the picture sets its focal point, which a crop to the board keeps.
import { field, h, toast } from './dom.js';
import { describe, upload } from './api.js';
import { kMaxUploadBytes, uploadLimit } from './limits.js';

// The page's own thumbnail address for an uploaded picture ("media/<sha256>.jpg").
export function thumbnail(image) {
    const src = image && (typeof image === 'string' ? image : image.src);
    const m = typeof src === 'string' && src.match(/^media\/([0-9a-f]{64})\.(jpg|png|gif|webp|bmp)$/);
    return m ? `/api/media/${m[1]}.${m[2]}` : '';
}

// Where a click at (x, y) in an <img> with object-fit: contain falls on the picture itself,
// as fractions of its width and height (0..1), and where such a point is drawn in the box.
function containedRect(img) {
    const bw = img.clientWidth, bh = img.clientHeight;
    const nw = img.naturalWidth || bw, nh = img.naturalHeight || bh;
    const s = Math.min(bw / nw, bh / nh);
    return { x: (bw - nw * s) / 2, y: (bh - nh * s) / 2, w: nw * s, h: nh * s };
}

const clamp01 = (v) => Math.min(1, Math.max(0, v));

export function photoField(item, at, onChange) {
    const preview = h('img', { class: 'thumb', alt: '已选的图片（点击设置焦点）', title: '点击图片上最要紧的地方：裁切时保留它' });
    const mark = h('span', { class: 'focus-mark', 'aria-hidden': 'true', hidden: true });
    const clearFocus = h('button', { type: 'button', class: 'quiet', name: 'clear-focus', hidden: true }, '焦点回到中间');
    const placeMark = () => {
        const f = item.focus;
        mark.hidden = !f || preview.hidden || !preview.naturalWidth;
        clearFocus.hidden = !f;
        if (mark.hidden) return;
        const r = containedRect(preview);
        mark.style.left = `${preview.offsetLeft + r.x + f.x * r.w}px`;
        mark.style.top = `${preview.offsetTop + r.y + f.y * r.h}px`;
    };
    preview.addEventListener('load', placeMark);
    preview.addEventListener('click', (e) => {
        const r = containedRect(preview);
        if (r.w <= 0 || r.h <= 0) return;
        const round = (v) => Math.round(clamp01(v) * 100) / 100;
        item.focus = { x: round((e.offsetX - r.x) / r.w), y: round((e.offsetY - r.y) / r.h) };
        placeMark();
        onChange();
    });
    clearFocus.addEventListener('click', () => { delete item.focus; placeMark(); onChange(); });
    const info = h('span', { class: 'muted' });
    const progress = h('progress', { max: '1', value: '0', hidden: true });
    const problem = h('span', { class: 'problem', role: 'alert' });

    const showCurrent = () => {
        const url = thumbnail(item.image);
        preview.hidden = !url;
        if (url) preview.src = url;
        if (!item.image) info.textContent = '还没有图片';
        else if (item.image.width) info.textContent = `${item.image.width} × ${item.image.height} 像素`;
        else info.textContent = url ? '已上传的图片' : '已有图片';
        placeMark();
    };

    const send = async (file) => {
        problem.textContent = '';
        if (!file) return;
        if (file.size > kMaxUploadBytes) {
            problem.textContent = `图片太大：${(file.size / 1048576).toFixed(1)} MB，上限是 ${uploadLimit}。请先缩小再上传。`;
            return;
        }
        progress.hidden = false;
        progress.value = 0;
        info.textContent = '正在上传…';
        try {
            const r = await upload('/api/media', file, (f) => { progress.value = f; });
            // The upright size is for the form only: not enumerable, so it stays out of the playlist.
            item.image = { src: r.src, sha256: r.sha256 };
            delete item.focus;  // a new picture: its point of interest is somewhere else
            Object.defineProperty(item.image, 'width', { value: r.width, enumerable: false });
            Object.defineProperty(item.image, 'height', { value: r.height, enumerable: false });
            showCurrent();
            toast('图片已上传');
            onChange();
        } catch (err) {
            problem.textContent = describe(err);
            showCurrent();
        } finally {
            progress.hidden = true;
        }
    };

    const camera = h('input', { type: 'file', accept: 'image/*', capture: 'environment', class: 'visually-hidden', name: 'camera' });
    const chooser = h('input', { type: 'file', accept: 'image/jpeg,image/png,image/gif,image/webp,image/bmp', class: 'visually-hidden', name: 'photo' });
    for (const input of [camera, chooser]) {
        input.addEventListener('change', () => { send(input.files[0]); input.value = ''; });
    }
    showCurrent();
    const wrap = h('div', { class: 'field photo', dataset: { at: at + '.image' } },
        h('span', { class: 'label', text: '图片' }),
        h('div', { class: 'photo-row' }, h('span', { class: 'thumb-wrap', dataset: { at: at + '.focus' } }, preview, mark),
            h('div', {}, info, progress,
                h('div', { class: 'buttons' },
                    h('label', { class: 'button' }, '拍照', camera),
                    h('label', { class: 'button' }, '选择图片', chooser), clearFocus))),
        problem);
    return wrap;
}

export function fitField(item, at, onChange) {
    const select = h('select', { name: 'fit' },
        h('option', { value: 'cover', selected: item.fit !== 'contain' }, '铺满屏幕（裁切边缘）'),
        h('option', { value: 'contain', selected: item.fit === 'contain' }, '完整显示（留边）'));
    select.addEventListener('change', () => {
        if (select.value === 'cover') delete item.fit;
        else item.fit = select.value;
        onChange();
    });
    return field('图片适应方式', select, { at: at + '.fit' });
}
