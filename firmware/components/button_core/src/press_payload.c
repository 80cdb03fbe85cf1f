#include "button_core/press_payload.h"

#include "json_out.h"

int press_payload_encode(char *buf, size_t cap, const char *device, uint32_t seq, int64_t ts_ms,
                         const char *fw)
{
    struct json_out o;
    json_out_begin(&o, buf, cap);
    json_out_string_field(&o, "device", device);
    json_out_uint_field(&o, "seq", seq);
    json_out_int_field(&o, "ts", ts_ms);
    json_out_string_field(&o, "fw", fw);
    return json_out_finish(&o);
}

int status_payload_encode(char *buf, size_t cap, const struct status_report *s)
{
    struct json_out o;
    json_out_begin(&o, buf, cap);
    json_out_string_field(&o, "device", s->device);
    json_out_string_field(&o, "state", s->state);
    json_out_string_field(&o, "fw", s->fw);
    json_out_string_field(&o, "prev_fw", s->prev_fw);
    json_out_uint_field(&o, "presses", s->presses);
    json_out_uint_field(&o, "buffered", s->buffered);
    json_out_uint_field(&o, "dropped", s->dropped);
    json_out_uint_field(&o, "boots", s->boots);
    json_out_string_field(&o, "update", s->update);
    json_out_bool_field(&o, "storage_ok", s->storage_ok != 0);
    return json_out_finish(&o);
}

int offline_payload_encode(char *buf, size_t cap, const char *device)
{
    struct json_out o;
    json_out_begin(&o, buf, cap);
    json_out_string_field(&o, "device", device);
    json_out_string_field(&o, "state", "offline");
    return json_out_finish(&o);
}
