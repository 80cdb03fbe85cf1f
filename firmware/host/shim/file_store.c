#define _POSIX_C_SOURCE 200809L
#include "file_store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct file_store_entry *find(struct file_store *fs, const char *key)
{
    for (int i = 0; i < fs->count; i++) {
        if (strcmp(fs->entries[i].key, key) == 0) {
            return &fs->entries[i];
        }
    }
    return NULL;
}

static struct file_store_entry *find_or_add(struct file_store *fs, const char *key)
{
    struct file_store_entry *e = find(fs, key);
    if (e != NULL) {
        return e;
    }
    if (fs->count == FILE_STORE_ENTRIES || strlen(key) > KV_KEY_MAX) {
        return NULL;
    }
    e = &fs->entries[fs->count++];
    memset(e, 0, sizeof *e);
    strcpy(e->key, key);
    return e;
}

static int get_u32(void *ctx, const char *key, uint32_t *value)
{
    struct file_store_entry *e = find(ctx, key);
    if (e == NULL) {
        return KV_NOT_FOUND;
    }
    if (e->is_str) {
        return KV_ERROR;
    }
    *value = e->u32;
    return KV_OK;
}

static int set_u32(void *ctx, const char *key, uint32_t value)
{
    struct file_store_entry *e = find_or_add(ctx, key);
    if (e == NULL) {
        return KV_ERROR;
    }
    e->is_str = false;
    e->u32 = value;
    return KV_OK;
}

static int get_str(void *ctx, const char *key, char *buf, size_t cap)
{
    struct file_store_entry *e = find(ctx, key);
    if (e == NULL) {
        return KV_NOT_FOUND;
    }
    size_t n = strlen(e->str);
    if (!e->is_str || n + 1 > cap) {
        return KV_ERROR;
    }
    memcpy(buf, e->str, n + 1);
    return KV_OK;
}

static int set_str(void *ctx, const char *key, const char *value)
{
    /* One value per line in the file: newlines would break it. */
    if (strlen(value) >= FILE_STORE_VALUE_MAX || strchr(value, '\n') != NULL) {
        return KV_ERROR;
    }
    struct file_store_entry *e = find_or_add(ctx, key);
    if (e == NULL) {
        return KV_ERROR;
    }
    e->is_str = true;
    strcpy(e->str, value);
    return KV_OK;
}

static int commit(void *ctx)
{
    struct file_store *fs = ctx;
    char tmp[sizeof fs->path + 8];
    snprintf(tmp, sizeof tmp, "%s.tmp", fs->path);
    FILE *f = fopen(tmp, "w");
    if (f == NULL) {
        return KV_ERROR;
    }
    for (int i = 0; i < fs->count; i++) {
        const struct file_store_entry *e = &fs->entries[i];
        if (e->is_str) {
            fprintf(f, "s %s %s\n", e->key, e->str);
        } else {
            fprintf(f, "u %s %u\n", e->key, (unsigned)e->u32);
        }
    }
    if (fclose(f) != 0 || rename(tmp, fs->path) != 0) {
        return KV_ERROR;
    }
    return KV_OK;
}

static int load(struct file_store *fs, FILE *f)
{
    char line[KV_KEY_MAX + FILE_STORE_VALUE_MAX + 8];
    while (fgets(line, sizeof line, f) != NULL) {
        line[strcspn(line, "\n")] = '\0';
        char *key = line + 2;
        char *value = strchr(key, ' ');
        if (strlen(line) < 4 || line[1] != ' ' || value == NULL) {
            return -1;
        }
        *value++ = '\0';
        int rc = line[0] == 's' ? set_str(fs, key, value)
                                : set_u32(fs, key, (uint32_t)strtoul(value, NULL, 10));
        if (rc != KV_OK) {
            return -1;
        }
    }
    return 0;
}

int file_store_open(struct file_store *fs, const char *path)
{
    memset(fs, 0, sizeof *fs);
    if (strlen(path) >= sizeof fs->path) {
        return -1;
    }
    strcpy(fs->path, path);
    fs->kv = (struct kv_store){ fs, get_u32, set_u32, get_str, set_str, commit };
    FILE *f = fopen(path, "r");
    if (f == NULL) {
        return 0;
    }
    int rc = load(fs, f);
    fclose(f);
    return rc;
}
