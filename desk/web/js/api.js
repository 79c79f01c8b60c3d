// The desk's HTTP API (docs/desk-api.md), the one place the page talks to the server: the CSRF
// token on every state-changing request, JSON in and out, errors as ApiError with the
// server's `at` path, and a 401 anywhere sends staff back to the login page.

let csrf = '';
let onSignedOut = () => {};

export function setCsrf(token) { csrf = token || ''; }
export function whenSignedOut(handler) { onSignedOut = handler; }

export class ApiError extends Error {
    constructor(status, body) {
        super((body && body.error) || `服务器返回 ${status}`);
        this.status = status;
        this.body = body || {};
        this.at = (body && body.at) || '';
    }
}

// What to tell staff for a failed request, in Chinese, with the server's own words after it.
export function describe(err) {
    if (!(err instanceof ApiError)) return '无法连接编辑台服务器：' + (err && err.message ? err.message : err);
    const lead = {
        400: '请求有误', 401: '请先登录', 403: '没有权限', 404: '找不到', 409: '有冲突', 413: '太大了',
        415: '文件类型不对', 422: '内容有问题', 429: '尝试太频繁',
    }[err.status] || `出错（${err.status}）`;
    return `${lead}：${err.message}`;
}

async function parse(response) {
    const type = response.headers.get('Content-Type') || '';
    if (type.includes('application/json')) {
        try { return await response.json(); } catch { return null; }
    }
    return null;
}

export async function api(method, path, body) {
    const init = { method, headers: {}, credentials: 'same-origin', cache: 'no-store' };
    if (method !== 'GET' && method !== 'HEAD') init.headers['X-CSRF-Token'] = csrf;
    if (body !== undefined) {
        init.headers['Content-Type'] = 'application/json';
        init.body = JSON.stringify(body);
    }
    const response = await fetch(path, init);
    const data = await parse(response);
    if (response.status === 401 && path !== '/api/login') {
        onSignedOut();
    }
    if (!response.ok) throw new ApiError(response.status, data);
    return data || {};
}

export const get = (path) => api('GET', path);
// Without a body, none is sent: routes that take none refuse one (413).
export const post = (path, body) => api('POST', path, body);
export const put = (path, body) => api('PUT', path, body);
export const del = (path) => api('DELETE', path);

// A file upload with progress (fetch cannot report upload progress): resolves with the
// server's JSON, rejects with ApiError.
export function upload(path, file, onProgress) {
    return new Promise((resolve, reject) => {
        const xhr = new XMLHttpRequest();
        xhr.open('POST', path);
        xhr.setRequestHeader('X-CSRF-Token', csrf);
        xhr.responseType = 'json';
        xhr.upload.addEventListener('progress', (e) => {
            if (e.lengthComputable) onProgress(e.loaded / e.total);
        });
        xhr.addEventListener('load', () => {
            if (xhr.status === 401) onSignedOut();
            if (xhr.status >= 200 && xhr.status < 300) resolve(xhr.response || {});
            else reject(new ApiError(xhr.status, xhr.response));
        });
        // A refused oversized upload often ends as a reset connection, not a 413 reply.
        xhr.addEventListener('error', () => reject(new ApiError(413, { error: '上传被中断：文件可能太大（上限 64 MB），或网络断开', at: 'file' })));
        const form = new FormData();
        form.append('file', file, file.name || 'photo.jpg');
        xhr.send(form);
    });
}

export const group = (id) => '/api/groups/' + encodeURIComponent(id);
