/*
 * A kv_store kept in a small text file: the host's stand-in for NVS. Commit
 * rewrites the file atomically (temp file + rename), so reopening the same
 * path after a "reboot" sees exactly what was committed, as NVS would.
 */
#ifndef HOST_FILE_STORE_H
#define HOST_FILE_STORE_H

#include <stdbool.h>
#include <stdint.h>

#include "button_core/kv_store.h"

#define FILE_STORE_ENTRIES 16
#define FILE_STORE_VALUE_MAX 96

struct file_store_entry {
    char key[KV_KEY_MAX + 1];
    bool is_str;
    uint32_t u32;
    char str[FILE_STORE_VALUE_MAX];
};

struct file_store {
    char path[256];
    struct file_store_entry entries[FILE_STORE_ENTRIES];
    int count;
    struct kv_store kv;
};

/* Loads path if it exists (a missing file is an empty store). Returns 0 or -1. */
int file_store_open(struct file_store *fs, const char *path);

#endif
