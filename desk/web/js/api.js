// The desk's HTTP API (docs/desk-api.md), the one place the page talks to the server: the CSRF
// token on every state-changing request, JSON in and out, errors as ApiError with the
// server's `at` path and a message in staff's words, and a 401 anywhere sends staff back to
// the login page.
import { apiMessage } from './messages.js';

let csrf = '';
let onSignedOut = () => {};
let onStale = () => {};

export function setCsrf(token) { csrf = token || ''; }
export function whenSignedOut(handler) { onSignedOut = handler; }
// Refusals that say the page's idea of the session is out of date: its token belongs to a
// session a sign-in elsewhere in this browser replaced, or an admin changed the role.
const staleCodes = ['csrf_wrong', 'role_publisher', 'role_admin'];
export function whenStale(handler) { onStale = handler; }

function answered(status, body) {
    if (status === 401) onSignedOut();
    else if (status === 403 && body && staleCodes.includes(body.code)) onStale();
}

// `message` is said from the reply's `code` (messages.js); the server's own English words stay
// in `original`, for whoever reports a problem.
export class ApiError extends Error {
    constructor(status, body, { upload = false } = {}) {
        super(apiMessage(status, body, { upload }));
        this.status = status;
        this.body = body || {};
        this.at = (body && body.at) || '';
        this.original = (body && body.error) || '';
    }
}

// What to tell staff for a failed request, in their words. Anything but an ApiError is a
// request that got no answer (fetch rejects with the browser's own English, "Failed to fetch").
export function describe(err) {
    return err instanceof ApiError ? err.message : apiMessage(0, null);
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
    if (path !== '/api/login') answered(response.status, data);
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
            answered(xhr.status, xhr.response);
            if (xhr.status >= 200 && xhr.status < 300) resolve(xhr.response || {});
            else reject(new ApiError(xhr.status, xhr.response, { upload: true }));
        });
        // A refused oversized upload often ends as a reset connection, not a 413 reply.
        xhr.addEventListener('error', () => reject(new ApiError(413, { code: 'upload_interrupted', at: 'file' })));
        const form = new FormData();
        form.append('file', file, file.name || 'photo.jpg');
        xhr.send(form);
    });
}

export const group = (id) => '/api/groups/' + encodeURIComponent(id);
