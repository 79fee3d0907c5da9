package org.gigwatch.schemas.rules;

import java.time.LocalDate;
import org.gigwatch.avro.CategoryParameters;
import org.gigwatch.avro.EmploymentCategory;

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
        Integer maximumFinePercent) {

    /** The parameters of a published entry ({@code gigwatch.rules.categories}). */
    public static CategoryRules of(CategoryParameters p) {
        return new CategoryRules(p.getRestBreak(), p.getMaxContinuousWorkMinutes(), p.getQualifyingRestMinutes(),
                p.getDailyStandardMinutes(), p.getDailyMaximumMinutes(), p.getMonthlyOvertimeMaximumMinutes(),
                p.getWeeklyRestDay(), p.getMinimumWage(), p.getMinimumJudgedMinutes(), p.getHolidayPay(),
                p.getHolidayPayMultiplierPercent(), p.getHolidayPayStrictlyAbove(), p.getHolidayReferenceDays(),
                p.getDeposit(), p.getWageArrears(), p.getMaximumPayDelayDays(), p.getWithheldPay(), p.getMaximumFinePercent());
    }

    /** These parameters as the entry of {@code pack}'s {@code category} in force from {@code effectiveFrom}. */
    public CategoryParameters toAvro(String pack, EmploymentCategory category, LocalDate effectiveFrom, String source, String note) {
        return CategoryParameters.newBuilder()
                .setPack(pack).setCategory(category.name()).setEffectiveFrom(effectiveFrom)
                .setRestBreak(restBreak).setMaxContinuousWorkMinutes(maxContinuousWorkMinutes)
                .setQualifyingRestMinutes(qualifyingRestMinutes).setDailyStandardMinutes(dailyStandardMinutes)
                .setDailyMaximumMinutes(dailyMaximumMinutes).setMonthlyOvertimeMaximumMinutes(monthlyOvertimeMaximumMinutes)
                .setWeeklyRestDay(weeklyRestDay).setMinimumWage(minimumWage).setMinimumJudgedMinutes(minimumJudgedMinutes)
                .setHolidayPay(holidayPay).setHolidayPayMultiplierPercent(holidayPayMultiplierPercent)
                .setHolidayPayStrictlyAbove(holidayPayStrictlyAbove).setHolidayReferenceDays(holidayReferenceDays)
                .setDeposit(deposit).setWageArrears(wageArrears).setMaximumPayDelayDays(maximumPayDelayDays)
                .setWithheldPay(withheldPay).setMaximumFinePercent(maximumFinePercent)
                .setSource(source).setNote(note)
                .build();
    }
}
