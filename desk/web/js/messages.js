// The board's validation speaks English: the same checker runs on every board and in
// `newsboard check` (player/playlist: fields.cpp, items.cpp, schedule_read.cpp, validate.cpp;
// desk/server/validate.cpp for the font warning). Staff read Chinese, so the messages they can
// reach from the editor's form are said again here; anything else is introduced in Chinese
// and quoted as the checker wrote it. The original stays in the element's title for whoever
// reports a problem.
// tests/desk/test_gallery_browser.py and test_reorder.py see a few of these on screen.
import { uploadLimit } from './limits.js';

const patterns = [
    [/^a link must start with https:\/\/ .*?, got (.*)$/, (m) => `网址须以 https:// 开头（手机打开别的网址前会先警告），现在是 ${m[1]}`],
    [/^a link needs a host after https:\/\//, () => 'https:// 之后缺少网站地址'],
    [/^a link has at most (\d+) characters \(this has (\d+)\)/,
        (m) => `网址最多 ${m[1]} 个字符（现在 ${m[2]} 个）：太长的网址做成二维码太密，一两米外扫不出来，请用短网址`],
    [/^a link must be printable ASCII without spaces/, () => '网址只能有英文字母、数字和符号，不能有空格（其他字符请用百分号编码）'],
    [/^expected an https:\/\/ link/, () => '这里要填 https:// 网址'],
    [/^missing "(\w+)" \(/, (m, name) => `缺少${name(m[1])}`],
    [/^"(\w+)" must not be empty( \(it holds only spaces or other invisible characters\))?$/,
        (m, name) => `${name(m[1])}不能为空${m[2] ? '（现在只有空格或看不见的字符）' : ''}`],
    [/^expected a non-empty list of paragraphs/, () => '正文不能为空，至少要有一段'],
    [/^expected a positive number, got (.*)$/, (m) => `应为大于 0 的数，现在是 ${m[1]}`],
    [/^expected an IANA time zone like "Asia\/Shanghai", got (.*)$/, (m) => `时区要写成标准名称，如 Asia/Shanghai，现在是 ${m[1]}`],
    [/^a paragraph must not be empty$/, () => '段落不能为空'],
    [/^(\d+) characters; the limit is (\d+)$/, (m) => `${m[1]} 个字，最多 ${m[2]} 个字`],
    [/^(\d+) characters in all; the limit is (\d+)$/, (m) => `全文 ${m[1]} 个字，最多 ${m[2]} 个字`],
    [/^expected a list of (\d+) to (\d+) pictures.*?(?: with (\d+))?$/,
        (m) => `组图要有 ${m[1]} 至 ${m[2]} 张图片${m[3] !== undefined ? `，现在 ${m[3]} 张` : ''}`],
    [/^a notice needs a "headline" or a "text"$/, () => '通知要有标题或内容'],
    [/^the schedule ends before it starts/, () => '结束时间早于开始时间'],
    [/^the range (.*) starts and ends at the same time/, (m) => `时段 ${m[1]} 的开始和结束相同；全天播放请不填时段`],
    [/^a ticker line must not be empty/, () => '滚动字幕不能有空行'],
    [/^expected a whole number of seconds from (\d+) to (\d+)/, (m) => `应为 ${m[1]} 到 ${m[2]} 之间的整数秒`],
    [/^the board's font has no (U\+[0-9A-F]+) '(.+)': boards show a gap there$/,
        (m) => `屏幕的字体里没有“${m[2]}”（${m[1]}），屏上这里会是空白`],
];

// `name(key)` gives a field's Chinese name ("headline" → "标题"). A message no pattern knows
// (one the form cannot lead to: a pasted or hand-written playlist, a picture the preview
// cannot load) still opens in Chinese, saying what it is, with the checker's words after it.
export function inChinese(message, name) {
    for (const [pattern, say] of patterns) {
        const m = pattern.exec(message || '');
        if (m) return say(m, name);
    }
    return message ? `内容检查发现的问题（暂无中文说明，原文）：${message}` : '内容检查发现了问题。';
}

// The desk's own refusals, by the `code` every error reply carries (desk/server: error_reply).
// Said from the code, never from the server's English `error`, which is for scripts and logs
// and may be reworded; what a code's reply carries besides (a wait, a revision) fills the text.
// tests/desk/test_messages.py checks that every code the server sends has its sentence here.
const apiMessages = {
    // Any request (desk/server/policy.cpp, server.cpp, api.cpp)
    no_route: '编辑台没有这个功能，请刷新页面后再试。',
    no_such_page: '没有这个页面。',
    web_not_installed: '编辑台的网页文件没有安装，请联系管理员。',
    file_unreadable: '编辑台读不了自己的网页文件，请联系管理员。',
    signed_out: '登录已过期，请重新登录。',
    cross_site: '请求来自别的网站，已被拒绝。请直接在编辑台的网页上操作。',
    csrf_missing: '安全令牌缺失，请刷新页面后再试。',
    csrf_wrong: '这个页面的登录信息已过时（可能在别的窗口重新登录过），已重新读取，请再试一次。',
    role_publisher: '只有签发人或管理员可以这样做（你的角色可能刚被管理员改过）。',
    role_admin: '只有管理员可以这样做（你的角色可能刚被管理员改过）。',
    body_encoded: '编辑台不接受压缩过的请求，请刷新页面后再试。',
    body_not_allowed: '请求有误（不应带内容），请刷新页面后再试。',
    body_too_large: '内容太大，超过了编辑台的上限。',
    body_missing: '请求缺少内容，请刷新页面后再试。',
    body_cut_short: '内容没有传完，连接可能断了，请再试一次。',
    body_too_slow: '网络太慢，内容没能及时传完，请再试一次。',
    content_length_invalid: '请求有误，请刷新页面后再试。',
    request_malformed: '请求有误，请刷新页面后再试。',
    field_not_text: '请求有误（某一项应为文字），请刷新页面后再试。',
    bad_query: '请求有误，请刷新页面后再试。',
    desk_failed: '编辑台服务器出错了，这次操作没有完成。请稍后再试；一直这样请联系管理员（服务器日志里有原因）。',
    // Signing in (auth.cpp)
    user_missing: '请输入用户名。',
    password_missing: '请输入密码。',
    login_wrong: '用户名或密码不对。',
    login_limited: (b) => `登录失败次数太多，请${Number.isInteger(b.retry_after_s) ? ` ${b.retry_after_s} 秒后` : '稍后'}再试。`,
    totp_needed: '请输入身份验证器上的 6 位验证码。',
    totp_wrong: '验证码不对，请输入身份验证器上现在显示的 6 位数字。',
    totp_used: '这个验证码已经用过，请等下一个。',
    totp_required: '签发人和管理员必须先启用两步验证，请联系管理员。',
    // Users and groups (admin.cpp)
    user_name_invalid: '用户名须为 1 至 64 个字符，不能有空格、斜杠或引号。',
    role_invalid: '角色只能是编辑、签发人或管理员。',
    password_rejected: '密码不合要求：至少 10 个字符，最多 1024 字节。',
    user_exists: '已经有同名的用户。',
    no_user: '找不到这个用户，可能已被删除。',
    own_admin_role: '不能取消自己的管理员角色。',
    remove_self: '不能删除自己。',
    group_id_invalid: '栏目代号须为 1 至 64 个英文字母、数字、_ 或 -，不能以 _ 或 - 开头（它是屏幕读取的文件名）。',
    // The name is the starter draft's title: the boards' checker judged it, and its words
    // (with its limits) are said as in the editor.
    group_name_invalid: (b) => `栏目名称会成为新草稿的标题，不合要求：${inChinese(String(b.error || '').replace(/^name: /, ''), () => '栏目名称')}`,
    group_exists: '已经有这个代号的栏目。',
    // Drafts, editions, publishing (drafts.cpp, editions.cpp, publish.cpp)
    no_group: '找不到这个栏目，可能已被删除。',
    no_edition: '找不到这个版本。',
    edition_invalid: '版本号不对。',
    revision_missing: '请求缺少草稿的修订号，请刷新页面后再试。',
    revision_invalid: '请求里草稿的修订号不对，请刷新页面后再试。',
    revision_unknown: '草稿没有这个修订号（比草稿现在的修订号还新），请刷新页面后再试。',
    playlist_not_object: '草稿的格式不对，请刷新页面后再试。',
    playlist_too_large: '草稿太大（上限 4 MB），请删去一些内容。',
    draft_conflict: (b) => `${b.updated_by || '有人'}保存了更新的版本（修订 ${b.revision}），你的版本没有保存。请比较两个版本后再保存。`,
    draft_has_errors: '草稿还有错误，改正后才能批准。',
    draft_not_playlist: '草稿不是有效的播放列表，请改正后再发布。',
    publish_has_errors: '草稿还有错误，改正后才能发布。',
    picture_not_pinned: '这张图片不是通过编辑台上传的，请重新上传。',
    // Urgent notices (editions.cpp)
    urgent_empty: '紧急通知要有标题或内容。',
    expires_missing: '紧急通知必须设结束时间。',
    expires_invalid: '结束时间的格式不对。',
    expires_past: '结束时间必须在将来。',
    expires_too_far: '紧急通知最多持续 30 天。',
    groups_missing: '请选择栏目。',
    // Pictures (media.cpp, api.js)
    file_empty: '文件是空的。',
    picture_too_large: `图片太大，上限是 ${uploadLimit}。请先缩小再上传。`,
    picture_type: '这不是屏幕能显示的图片。请用 JPEG、PNG、GIF、WebP 或 BMP 格式。',
    picture_too_big: '图片尺寸太大：屏幕最多显示每边 16384 像素、共 5000 万像素的图片。请先缩小再上传。',
    picture_damaged: '图片文件已损坏，打不开。请换一张或重新导出。',
    no_picture: '找不到这张图片。',
    upload_not_multipart: '上传的方式不对，请刷新页面后再试。',
    upload_malformed: '上传的内容不完整，请再试一次。',
    upload_interrupted: `上传被中断：文件可能太大（上限 ${uploadLimit}），或网络断开。`,
    // Preview and paste (previews.cpp, paste_route.cpp)
    preview_has_errors: '草稿还有错误，改正后才能预览。',
    preview_spec_invalid: '预览的屏幕尺寸、旋转或时刻不对。',
    preview_page_invalid: '预览的页码不对。',
    preview_no_page: '这个时刻没有可播放的内容。',
    paste_invalid: '粘贴的文字读不了，请检查后再试。',
    // The fleet (fleet_routes.cpp); the first ones only a board meets
    board_refused: '屏幕的签名不对，已拒绝。',
    plays_invalid: '播放记录的格式不对。',
    plays_too_many: '一次送来的播放记录太多。',
    screenshot_type: '截图须为 JPEG 或 PNG。',
    screenshot_type_mismatch: '截图的类型和内容不符。',
    screenshot_too_big: '截图太大（长边最多 640 像素）。',
    screenshot_damaged: '截图已损坏。',
    enrol_limited: '同一地址申请接入的屏幕太多，请稍后再试。',
    board_key_invalid: '屏幕的公钥格式不对。',
    board_key_conflict: '这个屏幕编号已用另一把钥匙登记，须先撤销旧的。',
    fleet_full: '编辑台能管理的屏幕已满。',
    enrol_failed: '屏幕接入失败，请稍后再试。',
    board_id_invalid: '屏幕编号不对。',
    no_board: '找不到这块屏幕（或它还没有被批准）。',
    no_screenshot: '这块屏幕还没有截图。',
    broker_down: '编辑台现在连不上消息服务器（MQTT），无法通知屏幕截图。请稍后再试。',
    offline_after_invalid: '离线提醒时间须为 1 分钟到 7 天。',
    quiet_hours_invalid: '关屏时段要写成 时:分，开始和结束都填或都不填。',
    plays_range_invalid: '播放证明的日期不对。',
};

// What staff are told when a request got no usable answer of the desk's own: by its status.
function byStatus(status) {
    if (status === 0) return '无法连接编辑台服务器，请检查网络后再试。';
    if (status === 502 || status === 503 || status === 504) return `编辑台服务器暂时无法访问（${status}），请稍后再试。`;
    if (status >= 500) return `编辑台服务器出错了（${status}），这次操作没有完成。请稍后再试。`;
    return {
        400: '请求有误，请刷新页面后再试。', 401: '登录已过期，请重新登录。', 403: '没有权限这样做。',
        404: '找不到要找的内容，可能已被删除。', 408: '网络太慢，请求超时，请再试一次。', 409: '有冲突，请刷新后再试。',
        415: '文件类型不对。', 422: '内容有问题，请改正后再试。',
        429: '尝试太频繁，请稍后再试。',
    }[status] || `请求没有成功（${status}），请稍后再试。`;
}

// A 413 with no code of the desk's: a proxy in front (nginx's client_max_body_size) refused the
// body with its own page, which names no limit. An upload knows the desk's limit; a proxy's may
// be smaller, and only an administrator can see or raise it.
function tooLarge(upload) {
    if (upload) {
        return `文件太大，服务器拒收（413）。编辑台的图片上限是 ${uploadLimit}；` +
            `比这小的文件仍被拒收，是编辑台前面的网关上限更小，请先缩小图片，并联系管理员。`;
    }
    return '提交的内容太大，服务器拒收（413），上限不详。请删去一些内容再试；一直这样请联系管理员（编辑台前面的网关上限可能太小）。';
}

// A failed request in staff's words: `body` the desk's error reply (or null), `status` the HTTP
// status (0: no answer at all), `upload` whether it carried a file.
export function apiMessage(status, body, { upload = false } = {}) {
    const say = body && apiMessages[body.code];
    if (say) return typeof say === 'function' ? say(body) : say;
    if (status === 413) return tooLarge(upload);
    return byStatus(status);
}
