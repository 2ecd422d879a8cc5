package com.mobilemarketing.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CpuClockTest {

    @Test
    void theDatabasesProcessesAreGroupedByKind() {
        assertThat(CpuClock.kind("4101 postgres: dashboard ingest_bench 127.0.0.1(39420) idle"))
                .isEqualTo("client backends");
        assertThat(CpuClock.kind("4102 postgres: dashboard ingest_bench [local] INSERT"))
                .isEqualTo("client backends");
        assertThat(CpuClock.kind("4103 postgres: io worker 2")).isEqualTo("io worker");
        assertThat(CpuClock.kind("4104 postgres: walwriter")).isEqualTo("walwriter");
        assertThat(CpuClock.kind("4105 postgres: autovacuum worker ingest_bench"))
                .isEqualTo("autovacuum worker");
        assertThat(CpuClock.kind("4106 /opt/pg/bin/postgres -D /data -p 5432")).isEqualTo(CpuClock.ENDED);
    }
}
