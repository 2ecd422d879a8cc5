package com.mobilemarketing.export;

import com.mobilemarketing.core.columns.MessageColumn;
import com.mobilemarketing.core.time.DateRange;
import com.mobilemarketing.db.enums.MessageType;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * What an export job exports, as stored in export_job.params: the message type (null: all), the
 * local days of the range (already resolved in the account's time zone when the job was made, so
 * a job that waits or is retried exports the same range), the columns and the language of the
 * header and texts.
 */
public record ExportParams(@Nullable String type, String from, String to, List<String> columns, String language) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public static ExportParams of(
            @Nullable MessageType type, DateRange range, List<MessageColumn> columns, Locale locale) {
        return new ExportParams(
                type == null ? null : type.getLiteral(),
                range.first().toString(),
                range.last().toString(),
                MessageColumn.keys(columns),
                locale.getLanguage());
    }

    public @Nullable MessageType messageType() {
        return type == null ? null : MessageType.valueOf(type);
    }

    public DateRange range() {
        return new DateRange(LocalDate.parse(from), LocalDate.parse(to));
    }

    /** The columns; an unknown key fails the job instead of leaving the column out. */
    public List<MessageColumn> exportColumns() {
        return MessageColumn.fromKeys(columns);
    }

    public Locale locale() {
        return Locale.of(language);
    }

    public String toJson() {
        return JSON.writeValueAsString(this);
    }

    public static ExportParams fromJson(String json) {
        return JSON.readValue(json, ExportParams.class);
    }
}
