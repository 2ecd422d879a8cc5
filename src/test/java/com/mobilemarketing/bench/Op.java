package com.mobilemarketing.bench;

import java.util.function.Supplier;

/**
 * One timed operation: what a screen asks the database for, called the way the view calls it.
 *
 * @param group the row group of the report (and the target that applies)
 * @param account the tenant the call runs in
 * @param work the call; its result is consumed so nothing is optimised away
 */
record Op(Target group, String name, long account, Supplier<?> work) {}
