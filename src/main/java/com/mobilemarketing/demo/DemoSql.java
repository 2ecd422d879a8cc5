package com.mobilemarketing.demo;

import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.jooq.QueryPart;
import org.jooq.SQL;
import org.jooq.impl.DSL;

/**
 * A statement of the demo generator whose values are named in its text ({@code :seed}, {@code :now}):
 * each name is bound wherever it stands, so a value used ten times is given once. The generator,
 * the demo's repository, runs it in its transaction; {@code ::} casts are left alone.
 */
record DemoSql(String text, Map<String, ?> values) {

    private static final Pattern NAME = Pattern.compile("(?<![:\\w]):([a-z][A-Za-z]*)");

    static DemoSql of(String text, Map<String, ?> values) {
        return new DemoSql(text, values);
    }

    /** Values named as the components of {@code record} ({@code :fullName}), and {@code more}. */
    static DemoSql of(String text, Record record, Map<String, ?> more) {
        var values = new HashMap<String, Object>(more);
        for (var component : record.getClass().getRecordComponents()) {
            try {
                values.put(component.getName(), component.getAccessor().invoke(record));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("Cannot read " + component, e);
            }
        }
        return new DemoSql(text, values);
    }

    /** Plain SQL for jOOQ: every {@code :name} becomes a placeholder of its one bound value. */
    SQL sql() {
        var parts = new ArrayList<QueryPart>();
        var indexes = new HashMap<String, Integer>();
        var rendered = NAME.matcher(text).replaceAll(match -> {
            var name = match.group(1);
            if (!values.containsKey(name)) {
                throw new IllegalArgumentException("No value for :" + name);
            }
            var index = indexes.computeIfAbsent(name, n -> {
                parts.add(DSL.val(values.get(n)));
                return parts.size() - 1;
            });
            return "{" + index + "}";
        });
        return DSL.sql(rendered, parts.toArray(QueryPart[]::new));
    }

    /** A record of {@code type} from the columns of {@code row} named as its components in snake case. */
    static <R extends Record> R read(Class<R> type, org.jooq.Record row) {
        var components = type.getRecordComponents();
        var types = new Class<?>[components.length];
        var values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            var column = components[i].getName().replaceAll("([A-Z])", "_$1").toLowerCase(Locale.ROOT);
            values[i] = row.get(column, MethodType.methodType(types[i]).wrap().returnType());
        }
        try {
            return type.getDeclaredConstructor(types).newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot make a " + type.getSimpleName(), e);
        }
    }
}
