# libslurmshim.so: allocd's flat C ABI over libslurm, loaded by the daemon with JNA.
# Use: make -f shim.mk [O=build-dir] [PREFIX=/usr] [DESTDIR=...] [install]
CC ?= gcc
CFLAGS ?= -O2 -Wall -Wextra -std=gnu11
PREFIX ?= /usr
LIBDIR ?= $(PREFIX)/lib/allocd
O ?= .
SRC := $(dir $(lastword $(MAKEFILE_LIST)))

$(O)/libslurmshim.so: $(SRC)libslurmshim.c $(SRC)libslurmshim.h
	$(CC) $(CFLAGS) -shared -fPIC -o $@ $(SRC)libslurmshim.c -lslurm

install: $(O)/libslurmshim.so
	install -D -m 0755 $(O)/libslurmshim.so $(DESTDIR)$(LIBDIR)/libslurmshim.so

clean:
	rm -f $(O)/libslurmshim.so

.PHONY: install clean
