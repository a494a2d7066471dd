/**
 * Where the parts of a partitioned step run: in threads of the nightly run ({@code refunds.partitions.mode=local},
 * the default), or on workers that take them from RabbitMQ ({@code remote}, Spring Batch Integration's remote
 * partitioning, the job repository polled for their ends). Knows only {@code shared}; the steps it runs stay
 * their features' own.
 */
package com.marketplace.refunds.partition;
