#define _POSIX_C_SOURCE 200809L
#include "broker_proc.h"

#include <arpa/inet.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define READY_TIMEOUT_MS 5000

static const char *mosquitto_bin(void)
{
    const char *bin = getenv("MOSQUITTO_BIN");
    return (bin != NULL && bin[0] != '\0') ? bin : "/usr/sbin/mosquitto";
}

static void sleep_ms(long ms)
{
    struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
    nanosleep(&ts, NULL);
}

/* Asks the kernel for a free loopback port; a tiny race with other processes is
 * handled by broker_start trying again with a new port. */
static int free_port(void)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = 0 };
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof a;
    int port = -1;
    if (fd >= 0 && bind(fd, (struct sockaddr *)&a, sizeof a) == 0 &&
        getsockname(fd, (struct sockaddr *)&a, &len) == 0) {
        port = ntohs(a.sin_port);
    }
    if (fd >= 0) {
        close(fd);
    }
    return port;
}

static int write_config(const struct broker_proc *b)
{
    char path[128];
    snprintf(path, sizeof path, "%s/mosquitto.conf", b->dir);
    FILE *f = fopen(path, "w");
    if (f == NULL) {
        return -1;
    }
    /* autosave_on_changes 1: every subscription is on disk at once, so it survives kill -9.
     * user root: when the test runs as root, keep it from switching to the mosquitto user,
     * who could not write our temp dir (ignored when not root). */
    fprintf(f,
            "listener %d 127.0.0.1\n"
            "allow_anonymous true\n"
            "persistence true\n"
            "persistence_location %s/\n"
            "autosave_on_changes true\n"
            "autosave_interval 1\n"
            "log_dest file %s/mosquitto.log\n"
            "user root\n",
            b->port, b->dir, b->dir);
    return fclose(f) == 0 ? 0 : -1;
}

static int accepts_connections(int port)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons((uint16_t)port) };
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    int ok = fd >= 0 && connect(fd, (struct sockaddr *)&a, sizeof a) == 0;
    if (fd >= 0) {
        close(fd);
    }
    return ok;
}

static void print_log(const struct broker_proc *b)
{
    char path[128];
    char line[256];
    snprintf(path, sizeof path, "%s/mosquitto.log", b->dir);
    FILE *f = fopen(path, "r");
    if (f == NULL) {
        return;
    }
    fprintf(stderr, "--- %s ---\n", path);
    while (fgets(line, sizeof line, f) != NULL) {
        fputs(line, stderr);
    }
    fclose(f);
}

static int spawn(struct broker_proc *b)
{
    char conf[128];
    snprintf(conf, sizeof conf, "%s/mosquitto.conf", b->dir);
    pid_t parent = getpid();
    pid_t pid = fork();
    if (pid < 0) {
        return -1;
    }
    if (pid == 0) {
        /* If the test dies (crash, ctest timeout), the broker must not outlive it. */
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (getppid() != parent) {
            _exit(1);
        }
        int null = open("/dev/null", O_RDWR);
        if (null >= 0) {
            dup2(null, STDOUT_FILENO);
            dup2(null, STDERR_FILENO);
        }
        execl(mosquitto_bin(), "mosquitto", "-c", conf, (char *)NULL);
        _exit(127);
    }
    b->pid = pid;
    for (int waited = 0; waited < READY_TIMEOUT_MS; waited += 10) {
        int status;
        if (waitpid(pid, &status, WNOHANG) == pid) {
            b->pid = 0;
            return -1;
        }
        if (accepts_connections(b->port)) {
            return 0;
        }
        sleep_ms(10);
    }
    broker_kill(b);
    return -1;
}

int broker_start(struct broker_proc *b)
{
    memset(b, 0, sizeof *b);
    strcpy(b->dir, "/tmp/edgebus-broker-XXXXXX");
    if (mkdtemp(b->dir) == NULL) {
        return -1;
    }
    if (access(mosquitto_bin(), X_OK) != 0) {
        fprintf(stderr, "broker_proc: %s not found (Debian package mosquitto)\n", mosquitto_bin());
        return -1;
    }
    for (int attempt = 0; attempt < 3; attempt++) {
        b->port = free_port();
        if (b->port > 0 && write_config(b) == 0 && spawn(b) == 0) {
            return 0;
        }
    }
    print_log(b);
    return -1;
}

int broker_kill(struct broker_proc *b)
{
    if (b->pid <= 0) {
        return -1;
    }
    kill(b->pid, SIGKILL);
    int status;
    while (waitpid(b->pid, &status, 0) < 0 && errno == EINTR) {
    }
    b->pid = 0;
    return 0;
}

int broker_restart(struct broker_proc *b)
{
    if (spawn(b) != 0) {
        print_log(b);
        return -1;
    }
    return 0;
}

void broker_cleanup(struct broker_proc *b)
{
    if (b->pid > 0) {
        broker_kill(b);
    }
    if (b->dir[0] == '\0') {
        return;
    }
    DIR *d = opendir(b->dir);
    if (d != NULL) {
        struct dirent *e;
        char path[sizeof b->dir + 256 + 2];
        while ((e = readdir(d)) != NULL) {
            if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0) {
                snprintf(path, sizeof path, "%s/%s", b->dir, e->d_name);
                unlink(path);
            }
        }
        closedir(d);
    }
    rmdir(b->dir);
    b->dir[0] = '\0';
}
