package com.mobilemarketing.messages;

import static org.assertj.core.api.Assertions.assertThat;

import com.mobilemarketing.AbstractDatabaseTest;
import com.mobilemarketing.core.columns.MessageColumn;
import com.mobilemarketing.core.db.Tenant;
import com.mobilemarketing.db.enums.MessageType;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class ColumnPreferenceRepositoryTest extends AbstractDatabaseTest {

    @Autowired
    private ColumnPreferenceRepository preferences;

    @AfterEach
    void cleanUp() {
        asAllAccounts(() -> db.execute("delete from grid_column_preference where grid_key like 'messages.%'"));
    }

    @Test
    void savesPerUserAndGridAndDeletes() {
        var bulk = MessageColumn.gridKey(MessageType.BULK);
        assertThat(bulk).isEqualTo("messages.BULK");
        Tenant.run(FLORA, () -> {
            preferences.save(FLORA, 1, bulk, List.of("name", "clicked"));
            preferences.save(FLORA, 1, bulk, List.of("clicked", "name", "state"));
            assertThat(preferences.find(FLORA, 1, bulk)).contains(List.of("clicked", "name", "state"));
            assertThat(preferences.find(FLORA, 2, bulk)).isEmpty();
            assertThat(preferences.find(FLORA, 1, MessageColumn.gridKey(MessageType.RULE)))
                    .isEmpty();
        });
        // Another account sees nothing of it, by filter and by row-level security.
        assertThat(Tenant.call(SPORT, () -> preferences.find(FLORA, 1, bulk))).isEmpty();
        assertThat(asAllAccounts(() -> queryStrings(
                        "select array_to_string(columns, ',') from grid_column_preference where user_id = 1 and grid_key = ?",
                        bulk)))
                .containsExactly("clicked,name,state");
        Tenant.run(FLORA, () -> preferences.delete(FLORA, 1, bulk));
        assertThat(Tenant.call(FLORA, () -> preferences.find(FLORA, 1, bulk))).isEmpty();
    }

    @Test
    void sanitizeDropsUnknownAndDuplicateKeys() {
        assertThat(MessageColumn.keys(MessageColumn.sanitize(List.of("name", "bogus", "sent", "name"))))
                .containsExactly("name", "sent");
        assertThat(MessageColumn.keys(MessageColumn.ALL)).hasSize(29).doesNotHaveDuplicates();
    }
}
