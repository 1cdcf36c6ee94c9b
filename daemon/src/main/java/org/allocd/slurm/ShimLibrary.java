package org.allocd.slurm;

import com.sun.jna.Library;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;

/** The functions of libslurmshim.so (slurm-hooks/libslurmshim.h), one to one. */
interface ShimLibrary extends Library {
    /** The ABI this binding speaks; the library must report the same. */
    int ABI_VERSION = 2;

    int allocd_shim_abi_version();

    int allocd_shim_init(String confPath);

    void allocd_shim_fini();

    int allocd_shim_hold(int jobId, String adminComment);

    int allocd_shim_release(int jobId, String adminComment);

    int allocd_shim_pending_jobs(String account, PointerByReference out);

    int allocd_shim_pending_requests(String account, PointerByReference out);

    int allocd_shim_job_info(int jobId, PointerByReference out);

    void allocd_shim_free(Pointer text);

    String allocd_shim_strerror(int code);
}
