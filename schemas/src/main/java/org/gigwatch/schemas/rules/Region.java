package org.gigwatch.schemas.rules;

import java.time.ZoneId;

/** A city gigwatch watches: its GB/T 2260 code, its zone (local days are counted in it) and its province. */
public record Region(String code, String name, String nameZh, ZoneId zone, String province) {}
