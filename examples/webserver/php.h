/* The PHP part of the web server (php.c): its options and its start and stop. */
#ifndef WEBSERVER_PHP_H
#define WEBSERVER_PHP_H

/* Parses a PHP option at argv[*i] (see util.h's option): --php-fpm ADDRESS,
 * --php-connections N, --php-timeout-s S, --php-body-max-mb N. Returns 1 when argv[*i] was
 * one (*i moves past its value), 0 when it is not, -1 (with a message on stderr) for a bad
 * value. */
int php_option(int argc, char **argv, int *i);

/* With --php-fpm: resolves the document root and sets up the connection pool (no connection
 * is made: php-fpm may start later). Returns 0, or -1 with a message on stderr. */
int php_init(const char *root);
void php_shutdown(void);

#endif
