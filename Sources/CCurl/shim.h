#include <curl/curl.h>

// curl_easy_setopt and curl_easy_getinfo are variadic, which Swift cannot call: these
// typed wrappers pass each kind of argument through.

typedef size_t (*uas_curl_read_callback)(char *buffer, size_t size, size_t count, void *context);

static inline CURLcode uas_curl_set_long(CURL *curl, CURLoption option, long value) {
    return curl_easy_setopt(curl, option, value);
}

static inline CURLcode uas_curl_set_string(CURL *curl, CURLoption option, const char *value) {
    return curl_easy_setopt(curl, option, value);
}

static inline CURLcode uas_curl_set_pointer(CURL *curl, CURLoption option, void *value) {
    return curl_easy_setopt(curl, option, value);
}

static inline CURLcode uas_curl_set_read_function(CURL *curl, uas_curl_read_callback function) {
    return curl_easy_setopt(curl, CURLOPT_READFUNCTION, function);
}

static inline long uas_curl_response_code(CURL *curl) {
    long code = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &code);
    return code;
}

typedef size_t (*uas_curl_write_callback)(char *data, size_t size, size_t count, void *context);

static inline CURLcode uas_curl_set_write_function(CURL *curl, uas_curl_write_callback function) {
    return curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, function);
}
