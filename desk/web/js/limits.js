// The desk's limit on an uploaded picture, the page's one copy of the server's
// (size_limits::kMaxMediaBytes, desk/server/media.cpp): checked before sending, and named
// in what staff are told when a picture is too large.
export const kMaxUploadBytes = 64 * 1024 * 1024;
export const uploadLimit = `${kMaxUploadBytes / 1048576} MB`;
