//! Dates of meetings as a sentence states them.
//!
//! Takes the text before the verb that reports a meeting and the publication
//! date. Gives the day it names (5月21日, 今天, 今(25)日, 民国113年3月28日),
//! a day left open (日前), or none. Never decides which meeting a date belongs to
//! beyond the sentence it is read from.

use std::sync::OnceLock;

use regex::Regex;

use super::text::char_before;
use super::{DateInfo, Mention, Status};
use crate::date::Date;
use crate::rx::cached as re;

pub(super) fn date_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(
        &R,
        r"(?:((?:19|20)\d\d)年)?(?:(\d{1,2})月)?(\d{1,2}|[一二三四五六七八九十]{1,3})[日号](?:[电讯])?|(今天|今日|昨天|昨日|日前|近日|近期|最近|前不久|此前)|[今昨]\((\d{1,2})\)日|(?:民国)?(1[01]\d)年(\d{1,2})月(\d{1,2})日",
    )
}

/// The date stated in `text[..limit]` (the part of a sentence up to the verb),
/// resolved against `published`.
pub fn date_before(text: &str, from: usize, limit: usize, published: Option<Date>) -> DateInfo {
    let window = text.get(from..limit).unwrap_or_default();
    let mut found = DateInfo::None;
    for cap in date_re().captures_iter(window) {
        let Some(whole) = cap.get(0) else { continue };
        let w = whole.as_str();
        if w.ends_with('电') || w.ends_with('讯') {
            continue; // a dateline: the day the report was filed, not the meeting's
        }
        // A day number glued to a preceding digit or 第 is part of something else.
        if cap.get(1).is_none() && cap.get(2).is_none() && cap.get(4).is_none() && cap.get(6).is_none() {
            let before = char_before(window, whole.start());
            if before.is_some_and(|c| c.is_ascii_digit() || c == '第' || c == '年' || c == '至' || c == '和') {
                continue;
            }
        }
        found = if let Some(rel) = cap.get(4) {
            match (rel.as_str(), published) {
                // 四年前的今天: an anniversary, not the day of publication.
                ("今天" | "今日", _) if window.get(..rel.start()).is_some_and(|b| b.ends_with("前的")) => {
                    DateInfo::Unknown
                }
                ("今天" | "今日", Some(p)) => DateInfo::Day(p),
                ("昨天" | "昨日", Some(p)) => previous_day(p).map_or(DateInfo::Unknown, DateInfo::Day),
                _ => DateInfo::Unknown,
            }
        } else {
            let num = |i: usize| cap.get(i).and_then(|m| m.as_str().parse::<u32>().ok());
            // 十三日 and 今(13)日 are days as much as 13日.
            let day = num(3)
                .or_else(|| cap.get(3).and_then(|m| numeral_value(m.as_str())))
                .or_else(|| num(5))
                .or_else(|| num(8))
                .and_then(|d| u8::try_from(d).ok());
            let month = num(2).or_else(|| num(7)).and_then(|m| u8::try_from(m).ok());
            // 民国113年 counts the years of the Republic of China, from 1912.
            let year = num(1).or_else(|| num(6).map(|y| y + 1911)).and_then(|y| u16::try_from(y).ok());
            let resolved = match (year, month, day, published) {
                (Some(y), Some(m), Some(d), _) => Date::new(y, m, d),
                (None, Some(m), Some(d), Some(p)) => p.resolve_month_day(m, d),
                (None, None, Some(d), Some(p)) => p.resolve_day(d),
                _ => None,
            };
            resolved.map_or(DateInfo::Unknown, DateInfo::Day)
        };
    }
    found
}

/// The value of a number written in Chinese numerals (十三, 二十一, 一百零五).
pub fn numeral_value(n: &str) -> Option<u32> {
    if n.is_empty() {
        return None;
    }
    let digit = |c: char| match c {
        '零' | '〇' => Some(0),
        '两' => Some(2),
        _ => "一二三四五六七八九".chars().position(|d| d == c).and_then(|p| u32::try_from(p + 1).ok()),
    };
    let (mut total, mut current) = (0u32, 0u32);
    for c in n.chars() {
        match c {
            '百' => {
                total += current.max(1) * 100;
                current = 0;
            }
            '十' => {
                total += current.max(1) * 10;
                current = 0;
            }
            _ => current = digit(c)?,
        }
    }
    Some(total + current)
}

/// Whether `date` is a day at most `n` days before `published` (or any day when
/// the publication date is unknown).
pub(super) fn within_days(date: DateInfo, published: Option<Date>, n: usize) -> bool {
    let DateInfo::Day(d) = date else { return false };
    let Some(p) = published else { return true };
    let earliest = (0..n).try_fold(p, |x, _| previous_day(x));
    d <= p && earliest.is_some_and(|e| d >= e)
}

pub(super) fn previous_day(d: Date) -> Option<Date> {
    if d.day > 1 {
        return Date::new(d.year, d.month, d.day - 1);
    }
    let (y, m) = if d.month == 1 { (d.year - 1, 12) } else { (d.year, d.month - 1) };
    (28..=31).rev().find_map(|day| Date::new(y, m, day))
}

/// Whether `clause` states a day (5月21日, 今天, 今(25)日).
pub(super) fn day_stated(clause: &str) -> bool {
    date_re().captures_iter(clause).any(|c| c.get(3).is_some() || c.get(5).is_some() || c.get(8).is_some())
        || ["今天", "今日", "昨天", "昨日", "当天", "当日"].iter().any(|w| clause.contains(w))
}

/// 2月6日和2月8日先后召开A和B: several meetings held under one verb take the
/// dates listed before it in order.
pub(super) fn pair_dates(s: &str, start: usize, published: Option<Date>, out: &mut [Mention]) {
    let held: Vec<usize> = out.iter().enumerate().filter(|(_, m)| m.status == Status::Held).map(|(i, _)| i).collect();
    if held.len() < 2 {
        return;
    }
    let Some(first) = held.first().and_then(|&i| out.get(i)) else { return };
    let window = s.get(start..first.start).unwrap_or_default();
    let dates: Vec<DateInfo> = date_re()
        .find_iter(window)
        .map(|m| date_before(window, m.start(), m.end(), published))
        .filter(|d| matches!(d, DateInfo::Day(_)))
        .collect();
    if dates.len() == held.len() {
        for (&i, d) in held.iter().zip(dates) {
            if let Some(m) = out.get_mut(i) {
                m.date = d;
            }
        }
    }
}
