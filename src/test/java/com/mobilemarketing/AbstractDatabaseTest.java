package com.mobilemarketing;

import com.mobilemarketing.core.db.Tenant;
import com.mobilemarketing.demo.DemoDataGenerator;
import com.mobilemarketing.demo.DemoSize;
import java.time.Clock;
import java.time.OffsetDateTime;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/**
 * Base of every test that touches data: the Spring context on the test run's embedded PostgreSQL,
 * with the small demo data generated once (seed {@value #SEED}, at the fixed test clock).
 */
@SpringBootTest
@ActiveProfiles("test")
public abstract class AbstractDatabaseTest {

    public static final long SEED = 42;
    /** Flora — the first demo account; users anna (1), piotr (2), kasia (3). */
    public static final long FLORA = 1;
    /** Sportowy Świat — the second demo account, no Viber; users marek (4), ewa (5). */
    public static final long SPORT = 2;

    private static boolean generated;

    @Autowired
    protected DSLContext db;

    @Autowired
    protected Clock clock;

    @Autowired
    private DemoDataGenerator generator;

    @BeforeEach
    void generateDemoDataOnce() {
        synchronized (AbstractDatabaseTest.class) {
            if (!generated) {
                if (!generator.hasData()) {
                    generator.generate(DemoSize.SMALL, SEED, OffsetDateTime.now(clock));
                }
                generated = true;
            }
        }
    }

    /** The single value of a plain SQL query, e.g. a count written in a test. */
    protected <T> T queryValue(Class<T> type, String sql, Object... bindings) {
        return db.fetchSingle(sql, bindings).get(0, type);
    }

    protected long queryLong(String sql, Object... bindings) {
        return queryValue(Long.class, sql, bindings);
    }

    protected java.util.List<String> queryStrings(String sql, Object... bindings) {
        return db.fetch(sql, bindings).getValues(0, String.class);
    }

    /** Runs a query seeing every account, e.g. an independent recount written in a test. */
    protected <T> T asAllAccounts(java.util.function.Supplier<T> query) {
        return Tenant.allAccounts(query);
    }
}
