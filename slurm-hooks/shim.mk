# libslurmshim.so: allocd's flat C ABI over libslurm, loaded by the daemon with JNA.
#   make -f shim.mk                  -> build/libslurmshim.so
#   make -f shim.mk BUILD=dir        -> elsewhere
#   make -f shim.mk install          -> $(DESTDIR)$(LIBDIR)/libslurmshim.so (the daemon's default path)
# Linked with -lslurm (Debian libslurm-dev): unlike the plugin it runs inside the daemon, not slurmctld.
SRC    := $(dir $(lastword $(MAKEFILE_LIST)))
BUILD  ?= $(SRC)build
LIBDIR ?= /usr/lib/allocd
CC     ?= gcc
CFLAGS ?= -O2 -g
WARN   := -Wall -Wextra -Werror -Wshadow -Wformat=2 -Wstrict-prototypes

shim: $(BUILD)/libslurmshim.so

# allocd_slurm_text.c: the GPU count of a TRES list, read the same way as the job_submit plugin reads it.
$(BUILD)/libslurmshim.so: $(SRC)libslurmshim.c $(SRC)libslurmshim.h $(SRC)allocd_slurm_text.c $(SRC)allocd_slurm_text.h
	mkdir -p $(BUILD)
	$(CC) $(CFLAGS) $(WARN) -std=gnu11 -shared -fPIC -o $@ $(SRC)libslurmshim.c \
		$(SRC)allocd_slurm_text.c -lslurm

install-shim: $(BUILD)/libslurmshim.so
	install -D -m 0755 $(BUILD)/libslurmshim.so $(DESTDIR)$(LIBDIR)/libslurmshim.so

clean-shim:
	rm -f $(BUILD)/libslurmshim.so

.PHONY: shim install-shim clean-shim
