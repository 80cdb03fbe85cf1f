/* MAJOR.MINOR.PATCH versions (private): what "newer firmware" means. */
#ifndef BUTTON_CORE_SEMVER_H
#define BUTTON_CORE_SEMVER_H

#include <stdbool.h>
#include <stdint.h>

struct semver {
    uint32_t major;
    uint32_t minor;
    uint32_t patch;
};

/* Strict: three dot-separated decimal numbers, no leading zeros, no suffix, each <= 99999. */
bool semver_parse(const char *text, struct semver *out);

/* <0, 0, >0 like strcmp. */
int semver_compare(const struct semver *a, const struct semver *b);

#endif
