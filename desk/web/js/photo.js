// A picture for a photo item: taken with the phone's camera or chosen from the computer,
// uploaded with progress; staff see the picture and its size, never its hash or file name.
import { field, h, toast } from './dom.js';
import { describe, upload } from './api.js';

export const kMaxUploadBytes = 64 * 1024 * 1024;

// The page's own thumbnail address for an uploaded picture ("media/<sha256>.jpg").
export function thumbnail(image) {
    const src = image && (typeof image === 'string' ? image : image.src);
    const m = typeof src === 'string' && src.match(/^media\/([0-9a-f]{64})\.(jpg|png|gif|webp|bmp)$/);
    return m ? `/api/media/${m[1]}.${m[2]}` : '';
}

export function photoField(item, at, onChange) {
    const preview = h('img', { class: 'thumb', alt: '已选的图片' });
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
    };

    const send = async (file) => {
        problem.textContent = '';
        if (!file) return;
        if (file.size > kMaxUploadBytes) {
            problem.textContent = `图片太大：${(file.size / 1048576).toFixed(1)} MB，上限是 64 MB。请先缩小再上传。`;
            return;
        }
        progress.hidden = false;
        progress.value = 0;
        info.textContent = '正在上传…';
        try {
            const r = await upload('/api/media', file, (f) => { progress.value = f; });
            // The upright size is for the form only: not enumerable, so it stays out of the playlist.
            item.image = { src: r.src, sha256: r.sha256 };
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
        h('div', { class: 'photo-row' }, preview,
            h('div', {}, info, progress,
                h('div', { class: 'buttons' },
                    h('label', { class: 'button' }, '拍照', camera),
                    h('label', { class: 'button' }, '选择图片', chooser)))),
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
