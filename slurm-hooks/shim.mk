# libslurmshim.so: allocd's flat C ABI over libslurm, and allocd-slurm, the helper process that runs it
# for the daemon (libslurm's fatal() or a crash ends the helper, never allocd).
#   make -f shim.mk                  -> build/libslurmshim.so, build/allocd-slurm
#   make -f shim.mk BUILD=dir        -> elsewhere
#   make -f shim.mk install-shim     -> both into $(DESTDIR)$(LIBDIR) (the daemon's default path)
# Linked with -lslurm (Debian libslurm-dev): unlike the plugin it runs outside slurmctld.
# allocd-slurm finds libslurmshim.so beside itself ($ORIGIN), so the two are installed together.
SRC    := $(dir $(lastword $(MAKEFILE_LIST)))
BUILD  ?= $(SRC)build
LIBDIR ?= /usr/lib/allocd
CC     ?= gcc
CFLAGS ?= -O2 -g
WARN   := -Wall -Wextra -Werror -Wshadow -Wformat=2 -Wstrict-prototypes
# SLURM_ROOT=DIR: build inside a root of another Debian (the test bed's Debian 13 with Slurm 24.11, whose
# libslurm needs a newer glibc than this host's) for a helper that runs on this host: it then starts on that
# root's loader and finds that root's libraries, libslurm's plugins' included (DT_RPATH applies to them all).
ifneq ($(SLURM_ROOT),)
HELPER_ROOT := -Wl,--dynamic-linker=$(SLURM_ROOT)/lib64/ld-linux-x86-64.so.2 -Wl,--disable-new-dtags \
	-Wl,-rpath,$(SLURM_ROOT)/lib/x86_64-linux-gnu:$(SLURM_ROOT)/usr/lib/x86_64-linux-gnu
endif

shim: $(BUILD)/libslurmshim.so $(BUILD)/allocd-slurm

# allocd_slurm_text.c: the GPU count of a TRES list, read the same way as the job_submit plugin reads it.
$(BUILD)/libslurmshim.so: $(SRC)libslurmshim.c $(SRC)libslurmshim.h $(SRC)allocd_slurm_text.c $(SRC)allocd_slurm_text.h
	mkdir -p $(BUILD)
	$(CC) $(CFLAGS) $(WARN) -std=gnu11 -shared -fPIC -o $@ $(SRC)libslurmshim.c \
		$(SRC)allocd_slurm_text.c -lslurm

$(BUILD)/allocd-slurm: $(SRC)allocd_slurm.c $(SRC)libslurmshim.h $(BUILD)/libslurmshim.so
	$(CC) $(CFLAGS) $(WARN) -std=gnu11 -o $@ $(SRC)allocd_slurm.c -L$(BUILD) -lslurmshim '-Wl,-rpath,$$ORIGIN' $(HELPER_ROOT)

install-shim: $(BUILD)/libslurmshim.so $(BUILD)/allocd-slurm
	install -D -m 0755 $(BUILD)/libslurmshim.so $(DESTDIR)$(LIBDIR)/libslurmshim.so
	install -D -m 0755 $(BUILD)/allocd-slurm $(DESTDIR)$(LIBDIR)/allocd-slurm

clean-shim:
	rm -f $(BUILD)/libslurmshim.so $(BUILD)/allocd-slurm

.PHONY: shim install-shim clean-shim
