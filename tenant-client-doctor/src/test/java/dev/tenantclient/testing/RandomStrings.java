/*
 * Copyright 2026 The tenant-client Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tenantclient.testing;

import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Seeded generators for parameterized property tests: the same seed gives the same cases on every run and every
 * JDK, so a failure names a case that reproduces.
 */
public final class RandomStrings {

    /** Characters that break keys, prefixes and patterns, mixed into generated text more often than chance would. */
    public static final String SPECIAL = "*?#/$}{[]\\.:%~-_ \t\n\r\u0000\u007f\u00a0\u2028\u200b\u202e\ufeff";

    private final Random random;

    private RandomStrings(long seed) {
        this.random = new Random(seed);
    }

    /**
     * A generator.
     *
     * @param seed the seed
     * @return a generator
     */
    public static RandomStrings seeded(long seed) {
        return new RandomStrings(seed);
    }

    /**
     * Cases built by a function of this generator.
     *
     * @param count how many
     * @param generator builds one case
     * @param <T> the case type
     * @return the cases
     */
    public <T> Stream<T> cases(int count, Function<RandomStrings, T> generator) {
        return Stream.generate(() -> generator.apply(this)).limit(count);
    }

    /** @return the underlying random */
    public Random random() {
        return random;
    }

    /**
     * Any text: ASCII, the special characters, other planes, lone surrogates and control characters.
     *
     * @param maxLength the longest string
     * @return a string
     */
    public String anyString(int maxLength) {
        int length = random.nextInt(maxLength + 1);
        StringBuilder s = new StringBuilder(length);
        while (s.length() < length) {
            switch (random.nextInt(6)) {
                case 0, 1 -> s.append((char) (0x20 + random.nextInt(0x5f)));
                case 2 -> s.append(SPECIAL.charAt(random.nextInt(SPECIAL.length())));
                case 3 -> s.append((char) random.nextInt(0x800));
                case 4 -> s.append((char) random.nextInt(0x10000));
                default -> s.appendCodePoint(0x10000 + random.nextInt(0x10000));
            }
        }
        return s.toString();
    }

    /**
     * Text from an alphabet.
     *
     * @param alphabet the characters to draw from
     * @param minLength the shortest string
     * @param maxLength the longest string
     * @return a string
     */
    public String from(String alphabet, int minLength, int maxLength) {
        int length = minLength + random.nextInt(maxLength - minLength + 1);
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            s.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return s.toString();
    }

    /**
     * One of the given values.
     *
     * @param values the values
     * @param <T> their type
     * @return one of them
     */
    @SafeVarargs
    public final <T> T oneOf(T... values) {
        return values[random.nextInt(values.length)];
    }
}
