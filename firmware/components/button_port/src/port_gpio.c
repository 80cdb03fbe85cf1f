#include "driver/gpio.h"
#include "esp_check.h"

#include "port_internal.h"

static const char *TAG = "button_gpio";

static gpio_num_t s_button;
static gpio_num_t s_led;
static bool s_led_active_low;

esp_err_t port_gpio_init(const struct button_port_config *cfg)
{
    s_button = (gpio_num_t)cfg->button_gpio;
    s_led = (gpio_num_t)cfg->led_gpio;
    s_led_active_low = cfg->led_active_low;

    /* Sampled by the button task, not interrupt-driven: debounce wants regular samples anyway. */
    const gpio_config_t button = {
        .pin_bit_mask = 1ULL << cfg->button_gpio,
        .mode = GPIO_MODE_INPUT,
        .pull_up_en = GPIO_PULLUP_ENABLE,
        .pull_down_en = GPIO_PULLDOWN_DISABLE,
        .intr_type = GPIO_INTR_DISABLE,
    };
    ESP_RETURN_ON_ERROR(gpio_config(&button), TAG, "button GPIO %d", cfg->button_gpio);

    const gpio_config_t led = {
        .pin_bit_mask = 1ULL << cfg->led_gpio,
        .mode = GPIO_MODE_OUTPUT,
        .pull_up_en = GPIO_PULLUP_DISABLE,
        .pull_down_en = GPIO_PULLDOWN_DISABLE,
        .intr_type = GPIO_INTR_DISABLE,
    };
    ESP_RETURN_ON_ERROR(gpio_config(&led), TAG, "LED GPIO %d", cfg->led_gpio);
    port_led_set(false);
    return ESP_OK;
}

bool port_button_pressed(void)
{
    return gpio_get_level(s_button) == 0;
}

void port_led_set(bool on)
{
    gpio_set_level(s_led, (on != s_led_active_low) ? 1 : 0);
}
