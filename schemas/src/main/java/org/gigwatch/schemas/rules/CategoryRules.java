package org.gigwatch.schemas.rules;

/**
 * The parameters of every rule for one employment category (rules/&lt;pack&gt;/categories.json).
 * A null limit means the rule does not judge this category.
 */
public record CategoryRules(
        boolean restBreak,
        int maxContinuousWorkMinutes,
        int qualifyingRestMinutes,
        Integer dailyStandardMinutes,
        Integer dailyMaximumMinutes,
        Integer monthlyOvertimeMaximumMinutes,
        boolean weeklyRestDay,
        boolean minimumWage,
        int minimumJudgedMinutes,
        boolean holidayPay,
        Integer holidayPayMultiplierPercent,
        Boolean holidayPayStrictlyAbove,
        int holidayReferenceDays,
        boolean deposit,
        boolean wageArrears,
        Integer maximumPayDelayDays,
        boolean withheldPay,
        Integer maximumFinePercent) {}
