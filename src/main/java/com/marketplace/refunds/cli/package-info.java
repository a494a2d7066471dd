/**
 * The command line: parses the arguments of each command ({@code nightly}, {@code stuck},
 * {@code actions}, {@code users}, {@code archive}, {@code serve}, {@code generate},
 * {@code simulate-processor}), runs it through the features, and turns the outcome into one line and
 * an exit code. No feature uses it.
 */
package com.marketplace.refunds.cli;
