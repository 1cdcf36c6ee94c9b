# libslurmshim.so: allocd's flat C ABI over libslurm, loaded by the daemon with JNA.
# Use: make -f shim.mk [PREFIX=/usr] [DESTDIR=...] [install]
CC ?= gcc
CFLAGS ?= -O2 -Wall -Wextra -std=gnu11
PREFIX ?= /usr
LIBDIR ?= $(PREFIX)/lib/allocd

libslurmshim.so: libslurmshim.c libslurmshim.h
	$(CC) $(CFLAGS) -shared -fPIC -o $@ libslurmshim.c -lslurm

install: libslurmshim.so
	install -D -m 0755 libslurmshim.so $(DESTDIR)$(LIBDIR)/libslurmshim.so

clean:
	rm -f libslurmshim.so

.PHONY: install clean
