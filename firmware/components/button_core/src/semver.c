#include "semver.h"

#include <stddef.h>

static const char *parse_part(const char *p, uint32_t *out)
{
    if (*p < '0' || *p > '9') {
        return NULL;
    }
    /* "01" is refused: two spellings of one version would confuse the "is it newer" check. */
    if (*p == '0' && p[1] >= '0' && p[1] <= '9') {
        return NULL;
    }
    uint32_t v = 0;
    int digits = 0;
    while (*p >= '0' && *p <= '9') {
        if (++digits > 5) {
            return NULL;
        }
        v = v * 10 + (uint32_t)(*p - '0');
        p++;
    }
    *out = v;
    return p;
}

bool semver_parse(const char *text, struct semver *out)
{
    struct semver v;
    const char *p = parse_part(text, &v.major);
    if (p == NULL || *p++ != '.') {
        return false;
    }
    p = parse_part(p, &v.minor);
    if (p == NULL || *p++ != '.') {
        return false;
    }
    p = parse_part(p, &v.patch);
    if (p == NULL || *p != '\0') {
        return false;
    }
    *out = v;
    return true;
}

static int cmp_u32(uint32_t a, uint32_t b)
{
    return (a > b) - (a < b);
}

int semver_compare(const struct semver *a, const struct semver *b)
{
    int c = cmp_u32(a->major, b->major);
    if (c == 0) {
        c = cmp_u32(a->minor, b->minor);
    }
    if (c == 0) {
        c = cmp_u32(a->patch, b->patch);
    }
    return c;
}
