package cn.henan.skillshub.sources.rest;

import java.util.List;
import java.util.Map;

/** One page of a source's API: its records, in the source's order, and the token of the next page (null: last). */
public record RestPage(List<Map<String, Object>> records, String nextPageToken) {
}
