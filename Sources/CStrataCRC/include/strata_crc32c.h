// Hardware CRC32C (SSE 4.2 on x86-64, the CRC extension on AArch64) for StrataStorage's page and
// WAL checksums. The software table in CRC32C.swift computes the same values.
#ifndef STRATA_CRC32C_H
#define STRATA_CRC32C_H
#include <stddef.h>
#include <stdint.h>

/// Non-zero when this CPU has a CRC32C instruction.
int strata_crc32c_hardware_available(void);

/// Continues `crc` (0 to start) over `count` bytes. Call only when the hardware is available.
uint32_t strata_crc32c_hardware(uint32_t crc, const void *data, size_t count);

#endif
