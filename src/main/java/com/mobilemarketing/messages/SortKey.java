package com.mobilemarketing.messages;

/** One sort criterion of a grid: a column key from the repository's whitelist and a direction. */
public record SortKey(String column, boolean ascending) {}
