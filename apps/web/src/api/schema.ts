// Generated from apps/server/openapi.json by apps/web/scripts/generate-api-types.ts — do not edit.
/* eslint-disable */
export interface ApiPaths {
  "/api/v1/alerts": {
    get: {
      query: { "limit"?: number; "offset"?: number; "sort"?: string; "order"?: "asc" | "desc"; "q"?: string; "status"?: "new" | "investigating" | "confirmed" | "dismissed" | "open"; "area"?: string; "indicator"?: "confirmed_cases" | "confirmed_by_onset" | "asymptomatic_infections" | "tests_performed" | "tests_positive" | "fever_clinic_visits" | "ili" | "antipyretic_sales" | "cough_medicine_sales" | "school_absenteeism" | "consultation_requests"; "level"?: "blue" | "yellow" | "orange" | "red"; "format"?: "json" | "csv" | "xlsx" };
      body: never;
      response: {
        "items": Array<{
          "id": string;
          "area": {
            "code": string;
            "name": string;
            "nameEn": string;
            "level": string;
          };
          "indicator": "confirmed_cases" | "confirmed_by_onset" | "asymptomatic_infections" | "tests_performed" | "tests_positive" | "fever_clinic_visits" | "ili" | "antipyretic_sales" | "cough_medicine_sales" | "school_absenteeism" | "consultation_requests" | "test_positivity";
          "status": "new" | "investigating" | "confirmed" | "dismissed";
          "level": "blue" | "yellow" | "orange" | "red";
          "firstAlarmDate": string;
          "lastAlarmDate": string;
          "alarmDays": number;
          "observed": number;
          "expected": number | null;
          "upperbound": number | null;
          "peakRatio": number;
          "algorithms": Array<string>;
          "openedAt": string;
          "updatedAt": string;
          "escalatedAt": string | null;
          "triagedBy": string | null;
          "triagedAt": string | null;
        }>;
        "total": number;
        "limit": number;
        "offset": number;
      };
    };
  };
  "/api/v1/alerts/{id}": {
    get: {
      query: never;
      body: never;
      response: {
        "id": string;
        "area": {
          "code": string;
          "name": string;
          "nameEn": string;
          "level": string;
        };
        "indicator": "confirmed_cases" | "confirmed_by_onset" | "asymptomatic_infections" | "tests_performed" | "tests_positive" | "fever_clinic_visits" | "ili" | "antipyretic_sales" | "cough_medicine_sales" | "school_absenteeism" | "consultation_requests" | "test_positivity";
        "status": "new" | "investigating" | "confirmed" | "dismissed";
        "level": "blue" | "yellow" | "orange" | "red";
        "firstAlarmDate": string;
        "lastAlarmDate": string;
        "alarmDays": number;
        "observed": number;
        "expected": number | null;
        "upperbound": number | null;
        "peakRatio": number;
        "algorithms": Array<string>;
        "openedAt": string;
        "updatedAt": string;
        "escalatedAt": string | null;
        "triagedBy": string | null;
        "triagedAt": string | null;
        "alarms": Array<{
          "date": string;
          "ruleId": string;
          "algorithm": string;
          "aggregation": string;
          "observed": number;
          "expected": number | null;
          "upperbound": number | null;
        }>;
        "decisions": Array<{
          "id": string;
          "kind": "opened" | "escalated" | "reopened" | "triage";
          "fromStatus": string | null;
          "toStatus": string | null;
          "fromLevel": string | null;
          "toLevel": string | null;
          "note": string | null;
          "actor": string;
          "at": string;
        }>;
        "allowedTransitions": Array<"investigating" | "confirmed" | "dismissed">;
        "chart": {
          "ruleId": string | null;
          "algorithm": string | null;
          "points": Array<{
            "date": string;
            "observed": number | null;
            "expected": number | null;
            "upperbound": number | null;
            "alarm": boolean;
          }>;
        };
      };
    };
  };
  "/api/v1/alerts/{id}/triage": {
    post: {
      query: never;
      body: {
        "status": "investigating" | "confirmed" | "dismissed";
        "note": string;
      };
      response: {
        "id": string;
        "area": {
          "code": string;
          "name": string;
          "nameEn": string;
          "level": string;
        };
        "indicator": "confirmed_cases" | "confirmed_by_onset" | "asymptomatic_infections" | "tests_performed" | "tests_positive" | "fever_clinic_visits" | "ili" | "antipyretic_sales" | "cough_medicine_sales" | "school_absenteeism" | "consultation_requests" | "test_positivity";
        "status": "new" | "investigating" | "confirmed" | "dismissed";
        "level": "blue" | "yellow" | "orange" | "red";
        "firstAlarmDate": string;
        "lastAlarmDate": string;
        "alarmDays": number;
        "observed": number;
        "expected": number | null;
        "upperbound": number | null;
        "peakRatio": number;
        "algorithms": Array<string>;
        "openedAt": string;
        "updatedAt": string;
        "escalatedAt": string | null;
        "triagedBy": string | null;
        "triagedAt": string | null;
        "alarms": Array<{
          "date": string;
          "ruleId": string;
          "algorithm": string;
          "aggregation": string;
          "observed": number;
          "expected": number | null;
          "upperbound": number | null;
        }>;
        "decisions": Array<{
          "id": string;
          "kind": "opened" | "escalated" | "reopened" | "triage";
          "fromStatus": string | null;
          "toStatus": string | null;
          "fromLevel": string | null;
          "toLevel": string | null;
          "note": string | null;
          "actor": string;
          "at": string;
        }>;
        "allowedTransitions": Array<"investigating" | "confirmed" | "dismissed">;
        "chart": {
          "ruleId": string | null;
          "algorithm": string | null;
          "points": Array<{
            "date": string;
            "observed": number | null;
            "expected": number | null;
            "upperbound": number | null;
            "alarm": boolean;
          }>;
        };
      };
    };
  };
  "/api/v1/alerts/detect": {
    post: {
      query: never;
      body: {
        "asOf"?: string;
      };
      response: {
        "id": string;
        "trigger": string;
        "asOf": string;
        "series": number;
        "alarms": number;
        "opened": number;
        "updated": number;
        "skipped": Array<{
          "rule": string;
          "area": string;
          "reason": string;
        }>;
      };
    };
  };
  "/api/v1/alerts/inbox": {
    get: {
      query: { "limit"?: number; "offset"?: number; "sort"?: string; "order"?: "asc" | "desc"; "q"?: string; "format"?: "json" | "csv" | "xlsx" };
      body: never;
      response: {
        "items": Array<{
          "id": string;
          "alertId": string;
          "event": string;
          "level": "blue" | "yellow" | "orange" | "red";
          "areaCode": string;
          "indicator": string;
          "createdAt": string;
          "readAt": string | null;
        }>;
        "total": number;
        "limit": number;
        "offset": number;
        "unread": number;
      };
    };
  };
  "/api/v1/alerts/inbox/read": {
    post: {
      query: never;
      body: {
        "ids": Array<string>;
      };
      response: {
        "marked": number;
      };
    };
  };
  "/api/v1/alerts/rules": {
    get: {
      query: never;
      body: never;
      response: {
        "items": Array<{
          "id": string;
          "indicator": "confirmed_cases" | "confirmed_by_onset" | "asymptomatic_infections" | "tests_performed" | "tests_positive" | "fever_clinic_visits" | "ili" | "antipyretic_sales" | "cough_medicine_sales" | "school_absenteeism" | "consultation_requests";
          "areaLevel": "city" | "district" | "street";
          "algorithm": "earsC1" | "earsC2" | "earsC3" | "farringtonFlexible" | "farrington" | "cusum" | "glrnb";
          "aggregation": "daily" | "weekly";
          "control": Record<string, unknown>;
          "minCount": number;
          "baseLevel": "blue" | "yellow" | "orange" | "red";
          "escalation": {
            "days": {
              "yellow": number;
              "orange": number;
              "red": number;
            };
            "ratio": {
              "yellow": number;
              "orange": number;
              "red": number;
            };
            "corroboratingIndicators": number;
          };
          "enabled": boolean;
          "updatedBy": string;
          "updatedAt": string;
        }>;
      };
    };
  };
  "/api/v1/alerts/rules/{id}": {
    post: {
      query: never;
      body: {
        "indicator"?: "confirmed_cases" | "confirmed_by_onset" | "asymptomatic_infections" | "tests_performed" | "tests_positive" | "fever_clinic_visits" | "ili" | "antipyretic_sales" | "cough_medicine_sales" | "school_absenteeism" | "consultation_requests";
        "areaLevel"?: "city" | "district" | "street";
        "algorithm"?: "earsC1" | "earsC2" | "earsC3" | "farringtonFlexible" | "farrington" | "cusum" | "glrnb";
        "aggregation"?: "daily" | "weekly";
        "control"?: Record<string, unknown>;
        "minCount"?: number;
        "baseLevel"?: "blue" | "yellow" | "orange" | "red";
        "escalation"?: {
          "days": {
            "yellow": number;
            "orange": number;
            "red": number;
          };
          "ratio": {
            "yellow": number;
            "orange": number;
            "red": number;
          };
          "corroboratingIndicators": number;
        };
        "enabled"?: boolean;
      };
      response: {
        "id": string;
        "indicator": "confirmed_cases" | "confirmed_by_onset" | "asymptomatic_infections" | "tests_performed" | "tests_positive" | "fever_clinic_visits" | "ili" | "antipyretic_sales" | "cough_medicine_sales" | "school_absenteeism" | "consultation_requests";
        "areaLevel": "city" | "district" | "street";
        "algorithm": "earsC1" | "earsC2" | "earsC3" | "farringtonFlexible" | "farrington" | "cusum" | "glrnb";
        "aggregation": "daily" | "weekly";
        "control": Record<string, unknown>;
        "minCount": number;
        "baseLevel": "blue" | "yellow" | "orange" | "red";
        "escalation": {
          "days": {
            "yellow": number;
            "orange": number;
            "red": number;
          };
          "ratio": {
            "yellow": number;
            "orange": number;
            "red": number;
          };
          "corroboratingIndicators": number;
        };
        "enabled": boolean;
        "updatedBy": string;
        "updatedAt": string;
      };
    };
  };
  "/api/v1/alerts/subscriptions": {
    get: {
      query: never;
      body: never;
      response: {
        "items": Array<{
          "id": string;
          "channel": "in_app" | "webhook";
          "url": string | null;
          "minLevel": "blue" | "yellow" | "orange" | "red";
          "area": string | null;
          "indicators": Array<string> | null;
          "active": boolean;
          "createdAt": string;
        }>;
      };
    };
    post: {
      query: never;
      body: {
        "channel": "in_app" | "webhook";
        "url"?: string;
        "minLevel"?: "blue" | "yellow" | "orange" | "red";
        "area"?: string;
        "indicators"?: Array<"confirmed_cases" | "confirmed_by_onset" | "asymptomatic_infections" | "tests_performed" | "tests_positive" | "fever_clinic_visits" | "ili" | "antipyretic_sales" | "cough_medicine_sales" | "school_absenteeism" | "consultation_requests">;
      };
      response: {
        "id": string;
        "channel": "in_app" | "webhook";
        "url": string | null;
        "minLevel": "blue" | "yellow" | "orange" | "red";
        "area": string | null;
        "indicators": Array<string> | null;
        "active": boolean;
        "createdAt": string;
        "secret": string | null;
      };
    };
  };
  "/api/v1/alerts/subscriptions/{id}/cancel": {
    post: {
      query: never;
      body: never;
      response: null;
    };
  };
  "/api/v1/areas": {
    get: {
      query: { "level"?: "province" | "city" | "district" | "street" | "community" | "grid"; "parent"?: string };
      body: never;
      response: {
        "items": Array<{
          "code": string;
          "name": string;
          "nameEn": string;
          "level": "province" | "city" | "district" | "street" | "community" | "grid";
          "parentCode": string | null;
        }>;
      };
    };
  };
  "/api/v1/areas/geojson": {
    get: {
      query: { "level"?: "province" | "city" | "district" | "street" | "community" | "grid"; "within"?: string };
      body: never;
      response: null;
    };
  };
  "/api/v1/audit": {
    get: {
      query: { "limit"?: number; "offset"?: number; "sort"?: string; "order"?: "asc" | "desc"; "q"?: string; "actorId"?: string; "resourceType"?: string; "resourceId"?: string; "action"?: string; "from"?: string; "to"?: string; "format"?: "json" | "csv" | "xlsx" };
      body: never;
      response: {
        "items": Array<{
          "seq": number;
          "at": string;
          "actorId": string;
          "actorRole": string;
          "purpose": string;
          "action": string;
          "resourceType": string;
          "resourceId": string | null;
          "outcome": string;
          "areaCode": string | null;
          "requestId": string | null;
          "detail": unknown;
          "hash": string;
        }>;
        "total": number;
        "limit": number;
        "offset": number;
      };
    };
  };
  "/api/v1/audit/verify": {
    get: {
      query: never;
      body: never;
      response: {
        "ok": boolean;
        "entries": number;
        "firstBreak": {
          "kind": string;
          "seq": number;
          "message": string;
        } | null;
      };
    };
  };
  "/api/v1/auth/login": {
    post: {
      query: never;
      body: {
        "username": string;
        "password": string;
        "mode"?: "cookie" | "bearer";
      };
      response: {
        "user": {
          "id": string;
          "username": string;
          "displayName": string;
          "role": "citizen" | "grid_worker" | "venue_operator" | "data_source" | "port_staff" | "epidemiologist" | "analyst" | "admin" | "auditor";
          "areaCode": string | null;
          "personId": string | null;
          "sourceId": string | null;
          "active": boolean;
          "createdAt": string;
          "lastLoginAt": string | null;
        };
        "permissions": Array<"areas:read" | "users:read" | "users:manage" | "audit:read" | "sources:read" | "sources:manage" | "hub:submit" | "imports:manage" | "persons:read" | "submissions:read" | "persons:merge" | "sharing:read" | "sharing:manage" | "tracing:read" | "tracing:manage" | "surveillance:read" | "alerts:triage" | "dashboard:read" | "healthcode:self" | "healthcode:scan" | "field:community" | "field:port" | "services:self" | "services:manage">;
        "purposes": Array<"case_investigation" | "contact_tracing" | "surveillance" | "health_code" | "quarantine_management" | "community_management" | "port_health" | "data_submission" | "data_quality" | "self_service" | "audit" | "administration">;
        "disclosed": Array<"identifiers" | "phone" | "name" | "address" | "birth_date">;
        "csrfToken": string | null;
        "token": string | null;
        "expiresAt": string;
      };
    };
  };
  "/api/v1/auth/logout": {
    post: {
      query: never;
      body: never;
      response: null;
    };
  };
  "/api/v1/auth/me": {
    get: {
      query: never;
      body: never;
      response: {
        "user": {
          "id": string;
          "username": string;
          "displayName": string;
          "role": "citizen" | "grid_worker" | "venue_operator" | "data_source" | "port_staff" | "epidemiologist" | "analyst" | "admin" | "auditor";
          "areaCode": string | null;
          "personId": string | null;
          "sourceId": string | null;
          "active": boolean;
          "createdAt": string;
          "lastLoginAt": string | null;
        };
        "permissions": Array<"areas:read" | "users:read" | "users:manage" | "audit:read" | "sources:read" | "sources:manage" | "hub:submit" | "imports:manage" | "persons:read" | "submissions:read" | "persons:merge" | "sharing:read" | "sharing:manage" | "tracing:read" | "tracing:manage" | "surveillance:read" | "alerts:triage" | "dashboard:read" | "healthcode:self" | "healthcode:scan" | "field:community" | "field:port" | "services:self" | "services:manage">;
        "purposes": Array<"case_investigation" | "contact_tracing" | "surveillance" | "health_code" | "quarantine_management" | "community_management" | "port_health" | "data_submission" | "data_quality" | "self_service" | "audit" | "administration">;
        "disclosed": Array<"identifiers" | "phone" | "name" | "address" | "birth_date">;
        "csrfToken": string | null;
        "token": string | null;
        "expiresAt": string;
      };
    };
  };
  "/api/v1/cases": {
    get: {
      query: { "limit"?: number; "offset"?: number; "sort"?: string; "order"?: "asc" | "desc"; "q"?: string; "classification"?: "confirmed" | "asymptomatic" | "suspected"; "status"?: "active" | "merged" | "retracted"; "from"?: string; "to"?: string; "format"?: "json" | "csv" | "xlsx" };
      body: never;
      response: {
        "items": Array<{
          "id": string;
          "personId": string;
          "classification": "confirmed" | "asymptomatic" | "suspected";
          "status": "active" | "merged" | "retracted";
          "onset": string | null;
          "firstPositiveSpecimen": string | null;
          "reportTime": string;
          "areaCode": string | null;
          "sourceId": string | null;
          "basis": Array<string>;
          "createdAt": string;
          "updatedAt": string;
        }>;
        "total": number;
        "limit": number;
        "offset": number;
      };
    };
  };
  "/api/v1/cases/{id}": {
    get: {
      query: never;
      body: never;
      response: {
        "id": string;
        "personId": string;
        "classification": "confirmed" | "asymptomatic" | "suspected";
        "status": "active" | "merged" | "retracted";
        "onset": string | null;
        "firstPositiveSpecimen": string | null;
        "reportTime": string;
        "areaCode": string | null;
        "sourceId": string | null;
        "basis": Array<string>;
        "createdAt": string;
        "updatedAt": string;
      };
    };
  };
  "/api/v1/dashboard": {
    get: {
      query: { "area"?: string };
      body: never;
      response: {
        "area": {
          "code": string;
          "name": string;
          "nameEn": string;
          "level": string;
        };
        "parent": {
          "code": string;
          "name": string;
          "nameEn": string;
          "level": string;
        } | null;
        "asOf": string;
        "today": string;
        "figures": Array<{
          "indicator": string;
          "today": number | null;
          "yesterday": number | null;
          "change": number | null;
          "last7": number | null;
          "previous7": number | null;
        }>;
        "epicurve": {
          "dates": Array<string>;
          "byReport": Array<number>;
          "byOnset": Array<number>;
          "asymptomatic": Array<number>;
        };
        "map": {
          "level": string | null;
          "areas": Array<{
            "code": string;
            "name": string;
            "nameEn": string;
            "level": string;
            "alertLevel": "blue" | "yellow" | "orange" | "red" | null;
            "openAlerts": number;
            "cases7": number;
            "incidence7": number | null;
            "population": number | null;
          }>;
        };
        "rt": {
          "serialInterval": {
            "mean": number;
            "sd": number;
            "source": string;
          };
          "area": {
            "latest": {
              "from": string;
              "to": string;
              "mean": number;
              "q025": number;
              "q975": number;
            } | null;
            "growth": {
              "rate": number;
              "rateLower": number | null;
              "rateUpper": number | null;
              "doublingTime": number | null;
              "doublingTimeLower": number | null;
              "doublingTimeUpper": number | null;
            } | null;
            "series": Array<{
              "from": string;
              "to": string;
              "mean": number;
              "q025": number;
              "q975": number;
            }>;
            "recent": number;
          };
          "children": Array<{
            "code": string;
            "name": string;
            "nameEn": string;
            "level": string;
            "latest": {
              "from": string;
              "to": string;
              "mean": number;
              "q025": number;
              "q975": number;
            } | null;
            "growth": {
              "rate": number;
              "rateLower": number | null;
              "rateUpper": number | null;
              "doublingTime": number | null;
              "doublingTimeLower": number | null;
              "doublingTimeUpper": number | null;
            } | null;
            "recent": number;
          }>;
        };
        "alerts": {
          "open": Array<{
            "id": string;
            "area": {
              "code": string;
              "name": string;
              "nameEn": string;
              "level": string;
            };
            "indicator": "confirmed_cases" | "confirmed_by_onset" | "asymptomatic_infections" | "tests_performed" | "tests_positive" | "fever_clinic_visits" | "ili" | "antipyretic_sales" | "cough_medicine_sales" | "school_absenteeism" | "consultation_requests" | "test_positivity";
            "status": "new" | "investigating" | "confirmed" | "dismissed";
            "level": "blue" | "yellow" | "orange" | "red";
            "firstAlarmDate": string;
            "lastAlarmDate": string;
            "alarmDays": number;
            "observed": number;
            "expected": number | null;
            "upperbound": number | null;
            "peakRatio": number;
            "algorithms": Array<string>;
            "openedAt": string;
            "updatedAt": string;
            "escalatedAt": string | null;
            "triagedBy": string | null;
            "triagedAt": string | null;
          }>;
          "byLevel": {
            "blue": number;
            "yellow": number;
            "orange": number;
            "red": number;
          };
        };
        "signals": Array<{
          "id": string;
          "status": "new" | "investigating" | "confirmed" | "dismissed" | "merged";
          "headline": string;
          "disease": {
            "id": string;
            "nameEn": string;
            "nameZh": string;
          } | null;
          "place": {
            "code": string;
            "scheme": "GB/T 2260" | "ISO 3166-1" | "ISO 3166-2";
            "level": string;
            "nameZh": string;
            "nameEn": string;
            "country": string;
          } | null;
          "places": Array<{
            "code": string;
            "scheme": "GB/T 2260" | "ISO 3166-1" | "ISO 3166-2";
            "level": string;
            "nameZh": string;
            "nameEn": string;
            "country": string;
          }>;
          "areaCode": string | null;
          "firstSeen": string;
          "lastSeen": string;
          "maxCases": number | null;
          "maxDeaths": number | null;
          "maxScore": number;
          "itemCount": number;
          "languages": Array<"zh" | "en">;
          "mergedInto": string | null;
          "retired": boolean;
          "triagedBy": string | null;
          "triagedAt": string | null;
          "createdAt": string;
          "updatedAt": string;
        }> | null;
        "freshness": Array<{
          "sourceId": string;
          "name": string;
          "type": string | null;
          "lastDataAt": string | null;
          "expectedIntervalHours": number | null;
          "overdue": boolean | null;
        }>;
        "elapsedMs": number;
      };
    };
  };
  "/api/v1/feed": {
    get: {
      query: { "after"?: number; "limit"?: number; "topics"?: string };
      body: never;
      response: {
        "events": Array<{
          "seq": number;
          "at": string;
          "topic": string;
          "entityType": string;
          "entityId": string;
          "personId": string | null;
          "areaCode": string | null;
          "sourceId": string | null;
          "payload": Record<string, unknown>;
        }>;
        "cursor": number;
      };
    };
  };
  "/api/v1/feed/stream": {
    get: {
      query: { "after"?: number; "topics"?: string };
      body: never;
      response: null;
    };
  };
  "/api/v1/feed/webhooks": {
    post: {
      query: never;
      body: {
        "url": string;
        "topics"?: Array<string>;
        "fromSeq"?: number;
      };
      response: {
        "id": string;
        "url": string;
        "topics": Array<string>;
        "purpose": string;
        "cursor": number;
        "status": string;
        "attempts": number;
        "lastError": string | null;
        "delivered": number;
        "createdByKey": string | null;
        "pausedReason": string | null;
        "pausedReasonZh": string | null;
        "pausedCause": "key_legacy" | "key_revoked" | "source_disabled" | "no_agreement" | null;
        "pausedAt": string | null;
        "createdAt": string;
        "secret": string;
      };
    };
    get: {
      query: never;
      body: never;
      response: {
        "items": Array<{
          "id": string;
          "url": string;
          "topics": Array<string>;
          "purpose": string;
          "cursor": number;
          "status": string;
          "attempts": number;
          "lastError": string | null;
          "delivered": number;
          "createdByKey": string | null;
          "pausedReason": string | null;
          "pausedReasonZh": string | null;
          "pausedCause": "key_legacy" | "key_revoked" | "source_disabled" | "no_agreement" | null;
          "pausedAt": string | null;
          "createdAt": string;
        }>;
      };
    };
  };
  "/api/v1/feed/webhooks/{id}": {
    delete: {
      query: never;
      body: never;
      response: null;
    };
  };
  "/api/v1/feed/webhooks/{id}/resume": {
    post: {
      query: never;
      body: never;
      response: {
        "id": string;
        "url": string;
        "topics": Array<string>;
        "purpose": string;
        "cursor": number;
        "status": string;
        "attempts": number;
        "lastError": string | null;
        "delivered": number;
        "createdByKey": string | null;
        "pausedReason": string | null;
        "pausedReasonZh": string | null;
        "pausedCause": "key_legacy" | "key_revoked" | "source_disabled" | "no_agreement" | null;
        "pausedAt": string | null;
        "createdAt": string;
      };
    };
  };
  "/api/v1/follow-ups": {
    get: {
      query: { "limit"?: number; "offset"?: number; "sort"?: string; "order"?: "asc" | "desc"; "q"?: string; "status"?: "open" | "resolved"; "kind"?: "positive-unreported" | "fever-clinic-untested"; "format"?: "json" | "csv" | "xlsx" };
      body: never;
      response: {
        "items": Array<{
          "id": string;
          "kind": "positive-unreported" | "fever-clinic-untested";
          "personId": string;
          "areaCode": string | null;
          "triggerId": string;
          "status": "open" | "resolved";
          "dueAt": string;
          "createdAt": string;
          "detail": Record<string, string | number | boolean | null>;
          "resolvedAt": string | null;
          "resolvedBy": string | null;
          "resolution": string | null;
          "note": string | null;
        }>;
        "total": number;
        "limit": number;
        "offset": number;
      };
    };
  };
  "/api/v1/follow-ups/{id}/resolve": {
    post: {
      query: never;
      body: {
        "resolution": "case-reported" | "asymptomatic-confirmed" | "tested" | "not-infected" | "unreachable" | "other";
        "note"?: string;
      };
      response: {
        "id": string;
        "kind": "positive-unreported" | "fever-clinic-untested";
        "personId": string;
        "areaCode": string | null;
        "triggerId": string;
        "status": "open" | "resolved";
        "dueAt": string;
        "createdAt": string;
        "detail": Record<string, string | number | boolean | null>;
        "resolvedAt": string | null;
        "resolvedBy": string | null;
        "resolution": string | null;
        "note": string | null;
      };
    };
  };
  "/api/v1/imports": {
    post: {
      query: { "kind": string; "fileName"?: string; "partial"?: "true" | "false"; "wait"?: "true" | "false" };
      body: never;
      response: {
        "id": string;
        "kind": string;
        "fileName": string;
        "status": "running" | "accepted" | "partial" | "rejected" | "failed";
        "total": number;
        "accepted": number;
        "unchanged": number;
        "rejected": number;
        "progress": number;
        "issues": Array<{
          "line": number;
          "field"?: string;
          "reason": string;
          "code"?: "required" | "element-required" | "too-long" | "one-of" | "at-least" | "at-most" | "not-before" | "in-future" | "pattern" | "date-time-offset" | "calendar-date" | "whole-number" | "number" | "finite-number" | "boolean" | "sex" | "resident-id-format" | "resident-id-length" | "resident-id-area" | "resident-id-birth-date" | "resident-id-check-digit" | "phone" | "area-code" | "country" | "passport-format" | "passport-country" | "passport-number" | "person-identity" | "asymptomatic-onset" | "u07-1-classification" | "u07-2-classification" | "diagnosis-coding" | "csv-empty" | "csv-header" | "csv-field-count" | "csv-unclosed-quote" | "csv-after-quote" | "csv-stray-quote" | "json-object" | "json-array" | "json-string" | "json-number" | "json-boolean" | "not-empty" | "not-empty-array" | "not-blank" | "fhir-string-too-long" | "fhir-code-whitespace" | "fhir-uri-whitespace" | "fhir-id" | "fhir-integer" | "fhir-date" | "fhir-date-time" | "fhir-instant" | "coding-system-required" | "identifier-system-required" | "reference-format" | "reference-type" | "reference-missing" | "period-order" | "choice-variants" | "choice-one" | "resource-type" | "resource-object" | "patient-identity" | "final-result-value" | "modifier-extension" | "coding-from" | "between" | "loinc-coding" | "loinc-code" | "specimen-time-required" | "specimen-time-timing" | "case-classification" | "condition-entered-in-error" | "vaccine-coding" | "occurrence-string" | "not-processed" | "patient-unknown" | "other-source-system" | "source-type-kind" | "source-type-none" | "patient-not-own" | "person-record-unknown" | "not-patient-reference" | "batch-cross-reference" | "id-in-url" | "not-known-here" | "identifier-no-person" | "other-source-record" | "already-stored" | "record-not-imported" | "bundle-method-import" | "ndjson-json" | "ndjson-line-too-long" | "import-process-stopped" | "import-shutdown" | "import-shutdown-at" | "import-shutdown-partial" | "disk-full" | "disk-quota" | "disk-write" | "database-read-only" | "import-refused" | "import-error" | "not-utf8" | "trip-mode" | "venue-repeated" | "lat-lon-together" | "zone-repeated" | "person-emptied" | "indicator-area" | "indicator-unknown" | "indicator-repeated" | "indicator-nested" | "webhook-key-legacy" | "webhook-key-revoked" | "webhook-source-disabled" | "webhook-no-agreement" | "token-refused" | "source-disabled" | "source-consumer-only" | "sign-in-required" | "agreement-none" | "agreement-none-no-purpose" | "role-permission" | "purpose-unknown" | "purpose-undeclarable" | "csrf-token" | "search-masked" | "sort-masked" | "account-unbound" | "account-source-unknown" | "account-source-consumer-only" | "source-not-found" | "api-key-not-found" | "api-key-already-revoked" | "source-already-disabled" | "source-not-disabled" | "source-disable-reason" | "source-name-taken" | "source-id-taken" | "user-not-found" | "username-taken" | "trace-person-unknown" | "trace-no-case" | "search-type-unsupported" | "search-parameter-unknown" | "search-value-required" | "search-modifier" | "search-reference-modifier" | "search-reference-format" | "search-date" | "search-count" | "search-offset" | "if-match-stale" | "import-kind-source-type" | "import-kind-staff-only" | "id-platform-form" | "all-ok" | "write-done" | "import-started" | "import-summary" | "if-none-exist-ambiguous" | "if-match-weak-etag" | "bundle-read-by-source" | "bundle-delete" | "body-not-json" | "body-resource-type" | "resource-not-stored" | "resource-type-supported" | "resource-unreadable" | "element-unknown" | "identifier-kept-invalid" | "snomed-result-unknown" | "bundle-type" | "bundle-entry-object" | "bundle-full-url" | "bundle-full-url-uuid" | "bundle-full-url-repeated" | "bundle-request-required" | "bundle-method-unsupported" | "bundle-method" | "bundle-url-required" | "bundle-url-type" | "bundle-create-url" | "bundle-url-form" | "bundle-url-id" | "bundle-update-conditional" | "bundle-delete-conditional" | "bundle-resource-required" | "bundle-resource-type" | "bundle-resource-id" | "bundle-if-none-exist-post" | "bundle-if-none-exist-query" | "bundle-if-match" | "bundle-reference-unresolved" | "body-json-invalid" | "body-json-ndjson" | "search-masked-own-records" | "too-short" | "exact-length" | "too-few" | "too-many" | "greater-than" | "less-than" | "multiple-of" | "type-array" | "type-object" | "wrong-type" | "iso-date-time" | "iso-time" | "string-format" | "pattern-mismatch" | "unknown-fields" | "invalid" | "username-form" | "area-code-digits" | "area-code-short" | "account-source-required" | "account-source-role" | "source-id-form" | "give-reason" | "give-reason-min" | "legal-basis-min" | "datasets-none" | "dataset-not-served" | "dataset-unknown" | "purpose-platform-own" | "agreement-purpose-unknown" | "after-valid-from" | "already-taken" | "data-source-unknown" | "expiry-past";
          "params"?: Record<string, string | number>;
          "reasonZh"?: string;
        }>;
        "warnings": Array<{
          "line": number;
          "field"?: string;
          "reason": string;
          "code"?: "required" | "element-required" | "too-long" | "one-of" | "at-least" | "at-most" | "not-before" | "in-future" | "pattern" | "date-time-offset" | "calendar-date" | "whole-number" | "number" | "finite-number" | "boolean" | "sex" | "resident-id-format" | "resident-id-length" | "resident-id-area" | "resident-id-birth-date" | "resident-id-check-digit" | "phone" | "area-code" | "country" | "passport-format" | "passport-country" | "passport-number" | "person-identity" | "asymptomatic-onset" | "u07-1-classification" | "u07-2-classification" | "diagnosis-coding" | "csv-empty" | "csv-header" | "csv-field-count" | "csv-unclosed-quote" | "csv-after-quote" | "csv-stray-quote" | "json-object" | "json-array" | "json-string" | "json-number" | "json-boolean" | "not-empty" | "not-empty-array" | "not-blank" | "fhir-string-too-long" | "fhir-code-whitespace" | "fhir-uri-whitespace" | "fhir-id" | "fhir-integer" | "fhir-date" | "fhir-date-time" | "fhir-instant" | "coding-system-required" | "identifier-system-required" | "reference-format" | "reference-type" | "reference-missing" | "period-order" | "choice-variants" | "choice-one" | "resource-type" | "resource-object" | "patient-identity" | "final-result-value" | "modifier-extension" | "coding-from" | "between" | "loinc-coding" | "loinc-code" | "specimen-time-required" | "specimen-time-timing" | "case-classification" | "condition-entered-in-error" | "vaccine-coding" | "occurrence-string" | "not-processed" | "patient-unknown" | "other-source-system" | "source-type-kind" | "source-type-none" | "patient-not-own" | "person-record-unknown" | "not-patient-reference" | "batch-cross-reference" | "id-in-url" | "not-known-here" | "identifier-no-person" | "other-source-record" | "already-stored" | "record-not-imported" | "bundle-method-import" | "ndjson-json" | "ndjson-line-too-long" | "import-process-stopped" | "import-shutdown" | "import-shutdown-at" | "import-shutdown-partial" | "disk-full" | "disk-quota" | "disk-write" | "database-read-only" | "import-refused" | "import-error" | "not-utf8" | "trip-mode" | "venue-repeated" | "lat-lon-together" | "zone-repeated" | "person-emptied" | "indicator-area" | "indicator-unknown" | "indicator-repeated" | "indicator-nested" | "webhook-key-legacy" | "webhook-key-revoked" | "webhook-source-disabled" | "webhook-no-agreement" | "token-refused" | "source-disabled" | "source-consumer-only" | "sign-in-required" | "agreement-none" | "agreement-none-no-purpose" | "role-permission" | "purpose-unknown" | "purpose-undeclarable" | "csrf-token" | "search-masked" | "sort-masked" | "account-unbound" | "account-source-unknown" | "account-source-consumer-only" | "source-not-found" | "api-key-not-found" | "api-key-already-revoked" | "source-already-disabled" | "source-not-disabled" | "source-disable-reason" | "source-name-taken" | "source-id-taken" | "user-not-found" | "username-taken" | "trace-person-unknown" | "trace-no-case" | "search-type-unsupported" | "search-parameter-unknown" | "search-value-required" | "search-modifier" | "search-reference-modifier" | "search-reference-format" | "search-date" | "search-count" | "search-offset" | "if-match-stale" | "import-kind-source-type" | "import-kind-staff-only" | "id-platform-form" | "all-ok" | "write-done" | "import-started" | "import-summary" | "if-none-exist-ambiguous" | "if-match-weak-etag" | "bundle-read-by-source" | "bundle-delete" | "body-not-json" | "body-resource-type" | "resource-not-stored" | "resource-type-supported" | "resource-unreadable" | "element-unknown" | "identifier-kept-invalid" | "snomed-result-unknown" | "bundle-type" | "bundle-entry-object" | "bundle-full-url" | "bundle-full-url-uuid" | "bundle-full-url-repeated" | "bundle-request-required" | "bundle-method-unsupported" | "bundle-method" | "bundle-url-required" | "bundle-url-type" | "bundle-create-url" | "bundle-url-form" | "bundle-url-id" | "bundle-update-conditional" | "bundle-delete-conditional" | "bundle-resource-required" | "bundle-resource-type" | "bundle-resource-id" | "bundle-if-none-exist-post" | "bundle-if-none-exist-query" | "bundle-if-match" | "bundle-reference-unresolved" | "body-json-invalid" | "body-json-ndjson" | "search-masked-own-records" | "too-short" | "exact-length" | "too-few" | "too-many" | "greater-than" | "less-than" | "multiple-of" | "type-array" | "type-object" | "wrong-type" | "iso-date-time" | "iso-time" | "string-format" | "pattern-mismatch" | "unknown-fields" | "invalid" | "username-form" | "area-code-digits" | "area-code-short" | "account-source-required" | "account-source-role" | "source-id-form" | "give-reason" | "give-reason-min" | "legal-basis-min" | "datasets-none" | "dataset-not-served" | "dataset-unknown" | "purpose-platform-own" | "agreement-purpose-unknown" | "after-valid-from" | "already-taken" | "data-source-unknown" | "expiry-past";
          "params"?: Record<string, string | number>;
          "reasonZh"?: string;
        }>;
        "warningCount": number;
        "actorId": string;
        "sourceId": string | null;
        "createdAt": string;
        "finishedAt": string | null;
      };
    };
    get: {
      query: { "limit"?: number; "offset"?: number; "sort"?: string; "order"?: "asc" | "desc"; "q"?: string; "format"?: "json" | "csv" | "xlsx" };
      body: never;
      response: {
        "items": Array<{
          "id": string;
          "kind": string;
          "fileName": string;
          "status": "running" | "accepted" | "partial" | "rejected" | "failed";
          "total": number;
          "accepted": number;
          "unchanged": number;
          "rejected": number;
          "progress": number;
          "issues": Array<{
            "line": number;
            "field"?: string;
            "reason": string;
            "code"?: "required" | "element-required" | "too-long" | "one-of" | "at-least" | "at-most" | "not-before" | "in-future" | "pattern" | "date-time-offset" | "calendar-date" | "whole-number" | "number" | "finite-number" | "boolean" | "sex" | "resident-id-format" | "resident-id-length" | "resident-id-area" | "resident-id-birth-date" | "resident-id-check-digit" | "phone" | "area-code" | "country" | "passport-format" | "passport-country" | "passport-number" | "person-identity" | "asymptomatic-onset" | "u07-1-classification" | "u07-2-classification" | "diagnosis-coding" | "csv-empty" | "csv-header" | "csv-field-count" | "csv-unclosed-quote" | "csv-after-quote" | "csv-stray-quote" | "json-object" | "json-array" | "json-string" | "json-number" | "json-boolean" | "not-empty" | "not-empty-array" | "not-blank" | "fhir-string-too-long" | "fhir-code-whitespace" | "fhir-uri-whitespace" | "fhir-id" | "fhir-integer" | "fhir-date" | "fhir-date-time" | "fhir-instant" | "coding-system-required" | "identifier-system-required" | "reference-format" | "reference-type" | "reference-missing" | "period-order" | "choice-variants" | "choice-one" | "resource-type" | "resource-object" | "patient-identity" | "final-result-value" | "modifier-extension" | "coding-from" | "between" | "loinc-coding" | "loinc-code" | "specimen-time-required" | "specimen-time-timing" | "case-classification" | "condition-entered-in-error" | "vaccine-coding" | "occurrence-string" | "not-processed" | "patient-unknown" | "other-source-system" | "source-type-kind" | "source-type-none" | "patient-not-own" | "person-record-unknown" | "not-patient-reference" | "batch-cross-reference" | "id-in-url" | "not-known-here" | "identifier-no-person" | "other-source-record" | "already-stored" | "record-not-imported" | "bundle-method-import" | "ndjson-json" | "ndjson-line-too-long" | "import-process-stopped" | "import-shutdown" | "import-shutdown-at" | "import-shutdown-partial" | "disk-full" | "disk-quota" | "disk-write" | "database-read-only" | "import-refused" | "import-error" | "not-utf8" | "trip-mode" | "venue-repeated" | "lat-lon-together" | "zone-repeated" | "person-emptied" | "indicator-area" | "indicator-unknown" | "indicator-repeated" | "indicator-nested" | "webhook-key-legacy" | "webhook-key-revoked" | "webhook-source-disabled" | "webhook-no-agreement" | "token-refused" | "source-disabled" | "source-consumer-only" | "sign-in-required" | "agreement-none" | "agreement-none-no-purpose" | "role-permission" | "purpose-unknown" | "purpose-undeclarable" | "csrf-token" | "search-masked" | "sort-masked" | "account-unbound" | "account-source-unknown" | "account-source-consumer-only" | "source-not-found" | "api-key-not-found" | "api-key-already-revoked" | "source-already-disabled" | "source-not-disabled" | "source-disable-reason" | "source-name-taken" | "source-id-taken" | "user-not-found" | "username-taken" | "trace-person-unknown" | "trace-no-case" | "search-type-unsupported" | "search-parameter-unknown" | "search-value-required" | "search-modifier" | "search-reference-modifier" | "search-reference-format" | "search-date" | "search-count" | "search-offset" | "if-match-stale" | "import-kind-source-type" | "import-kind-staff-only" | "id-platform-form" | "all-ok" | "write-done" | "import-started" | "import-summary" | "if-none-exist-ambiguous" | "if-match-weak-etag" | "bundle-read-by-source" | "bundle-delete" | "body-not-json" | "body-resource-type" | "resource-not-stored" | "resource-type-supported" | "resource-unreadable" | "element-unknown" | "identifier-kept-invalid" | "snomed-result-unknown" | "bundle-type" | "bundle-entry-object" | "bundle-full-url" | "bundle-full-url-uuid" | "bundle-full-url-repeated" | "bundle-request-required" | "bundle-method-unsupported" | "bundle-method" | "bundle-url-required" | "bundle-url-type" | "bundle-create-url" | "bundle-url-form" | "bundle-url-id" | "bundle-update-conditional" | "bundle-delete-conditional" | "bundle-resource-required" | "bundle-resource-type" | "bundle-resource-id" | "bundle-if-none-exist-post" | "bundle-if-none-exist-query" | "bundle-if-match" | "bundle-reference-unresolved" | "body-json-invalid" | "body-json-ndjson" | "search-masked-own-records" | "too-short" | "exact-length" | "too-few" | "too-many" | "greater-than" | "less-than" | "multiple-of" | "type-array" | "type-object" | "wrong-type" | "iso-date-time" | "iso-time" | "string-format" | "pattern-mismatch" | "unknown-fields" | "invalid" | "username-form" | "area-code-digits" | "area-code-short" | "account-source-required" | "account-source-role" | "source-id-form" | "give-reason" | "give-reason-min" | "legal-basis-min" | "datasets-none" | "dataset-not-served" | "dataset-unknown" | "purpose-platform-own" | "agreement-purpose-unknown" | "after-valid-from" | "already-taken" | "data-source-unknown" | "expiry-past";
            "params"?: Record<string, string | number>;
            "reasonZh"?: string;
          }>;
          "warnings": Array<{
            "line": number;
            "field"?: string;
            "reason": string;
            "code"?: "required" | "element-required" | "too-long" | "one-of" | "at-least" | "at-most" | "not-before" | "in-future" | "pattern" | "date-time-offset" | "calendar-date" | "whole-number" | "number" | "finite-number" | "boolean" | "sex" | "resident-id-format" | "resident-id-length" | "resident-id-area" | "resident-id-birth-date" | "resident-id-check-digit" | "phone" | "area-code" | "country" | "passport-format" | "passport-country" | "passport-number" | "person-identity" | "asymptomatic-onset" | "u07-1-classification" | "u07-2-classification" | "diagnosis-coding" | "csv-empty" | "csv-header" | "csv-field-count" | "csv-unclosed-quote" | "csv-after-quote" | "csv-stray-quote" | "json-object" | "json-array" | "json-string" | "json-number" | "json-boolean" | "not-empty" | "not-empty-array" | "not-blank" | "fhir-string-too-long" | "fhir-code-whitespace" | "fhir-uri-whitespace" | "fhir-id" | "fhir-integer" | "fhir-date" | "fhir-date-time" | "fhir-instant" | "coding-system-required" | "identifier-system-required" | "reference-format" | "reference-type" | "reference-missing" | "period-order" | "choice-variants" | "choice-one" | "resource-type" | "resource-object" | "patient-identity" | "final-result-value" | "modifier-extension" | "coding-from" | "between" | "loinc-coding" | "loinc-code" | "specimen-time-required" | "specimen-time-timing" | "case-classification" | "condition-entered-in-error" | "vaccine-coding" | "occurrence-string" | "not-processed" | "patient-unknown" | "other-source-system" | "source-type-kind" | "source-type-none" | "patient-not-own" | "person-record-unknown" | "not-patient-reference" | "batch-cross-reference" | "id-in-url" | "not-known-here" | "identifier-no-person" | "other-source-record" | "already-stored" | "record-not-imported" | "bundle-method-import" | "ndjson-json" | "ndjson-line-too-long" | "import-process-stopped" | "import-shutdown" | "import-shutdown-at" | "import-shutdown-partial" | "disk-full" | "disk-quota" | "disk-write" | "database-read-only" | "import-refused" | "import-error" | "not-utf8" | "trip-mode" | "venue-repeated" | "lat-lon-together" | "zone-repeated" | "person-emptied" | "indicator-area" | "indicator-unknown" | "indicator-repeated" | "indicator-nested" | "webhook-key-legacy" | "webhook-key-revoked" | "webhook-source-disabled" | "webhook-no-agreement" | "token-refused" | "source-disabled" | "source-consumer-only" | "sign-in-required" | "agreement-none" | "agreement-none-no-purpose" | "role-permission" | "purpose-unknown" | "purpose-undeclarable" | "csrf-token" | "search-masked" | "sort-masked" | "account-unbound" | "account-source-unknown" | "account-source-consumer-only" | "source-not-found" | "api-key-not-found" | "api-key-already-revoked" | "source-already-disabled" | "source-not-disabled" | "source-disable-reason" | "source-name-taken" | "source-id-taken" | "user-not-found" | "username-taken" | "trace-person-unknown" | "trace-no-case" | "search-type-unsupported" | "search-parameter-unknown" | "search-value-required" | "search-modifier" | "search-reference-modifier" | "search-reference-format" | "search-date" | "search-count" | "search-offset" | "if-match-stale" | "import-kind-source-type" | "import-kind-staff-only" | "id-platform-form" | "all-ok" | "write-done" | "import-started" | "import-summary" | "if-none-exist-ambiguous" | "if-match-weak-etag" | "bundle-read-by-source" | "bundle-delete" | "body-not-json" | "body-resource-type" | "resource-not-stored" | "resource-type-supported" | "resource-unreadable" | "element-unknown" | "identifier-kept-invalid" | "snomed-result-unknown" | "bundle-type" | "bundle-entry-object" | "bundle-full-url" | "bundle-full-url-uuid" | "bundle-full-url-repeated" | "bundle-request-required" | "bundle-method-unsupported" | "bundle-method" | "bundle-url-required" | "bundle-url-type" | "bundle-create-url" | "bundle-url-form" | "bundle-url-id" | "bundle-update-conditional" | "bundle-delete-conditional" | "bundle-resource-required" | "bundle-resource-type" | "bundle-resource-id" | "bundle-if-none-exist-post" | "bundle-if-none-exist-query" | "bundle-if-match" | "bundle-reference-unresolved" | "body-json-invalid" | "body-json-ndjson" | "search-masked-own-records" | "too-short" | "exact-length" | "too-few" | "too-many" | "greater-than" | "less-than" | "multiple-of" | "type-array" | "type-object" | "wrong-type" | "iso-date-time" | "iso-time" | "string-format" | "pattern-mismatch" | "unknown-fields" | "invalid" | "username-form" | "area-code-digits" | "area-code-short" | "account-source-required" | "account-source-role" | "source-id-form" | "give-reason" | "give-reason-min" | "legal-basis-min" | "datasets-none" | "dataset-not-served" | "dataset-unknown" | "purpose-platform-own" | "agreement-purpose-unknown" | "after-valid-from" | "already-taken" | "data-source-unknown" | "expiry-past";
            "params"?: Record<string, string | number>;
            "reasonZh"?: string;
          }>;
          "warningCount": number;
          "actorId": string;
          "sourceId": string | null;
          "createdAt": string;
          "finishedAt": string | null;
        }>;
        "total": number;
        "limit": number;
        "offset": number;
      };
    };
  };
  "/api/v1/imports/{id}": {
    get: {
      query: never;
      body: never;
      response: {
        "id": string;
        "kind": string;
        "fileName": string;
        "status": "running" | "accepted" | "partial" | "rejected" | "failed";
        "total": number;
        "accepted": number;
        "unchanged": number;
        "rejected": number;
        "progress": number;
        "issues": Array<{
          "line": number;
          "field"?: string;
          "reason": string;
          "code"?: "required" | "element-required" | "too-long" | "one-of" | "at-least" | "at-most" | "not-before" | "in-future" | "pattern" | "date-time-offset" | "calendar-date" | "whole-number" | "number" | "finite-number" | "boolean" | "sex" | "resident-id-format" | "resident-id-length" | "resident-id-area" | "resident-id-birth-date" | "resident-id-check-digit" | "phone" | "area-code" | "country" | "passport-format" | "passport-country" | "passport-number" | "person-identity" | "asymptomatic-onset" | "u07-1-classification" | "u07-2-classification" | "diagnosis-coding" | "csv-empty" | "csv-header" | "csv-field-count" | "csv-unclosed-quote" | "csv-after-quote" | "csv-stray-quote" | "json-object" | "json-array" | "json-string" | "json-number" | "json-boolean" | "not-empty" | "not-empty-array" | "not-blank" | "fhir-string-too-long" | "fhir-code-whitespace" | "fhir-uri-whitespace" | "fhir-id" | "fhir-integer" | "fhir-date" | "fhir-date-time" | "fhir-instant" | "coding-system-required" | "identifier-system-required" | "reference-format" | "reference-type" | "reference-missing" | "period-order" | "choice-variants" | "choice-one" | "resource-type" | "resource-object" | "patient-identity" | "final-result-value" | "modifier-extension" | "coding-from" | "between" | "loinc-coding" | "loinc-code" | "specimen-time-required" | "specimen-time-timing" | "case-classification" | "condition-entered-in-error" | "vaccine-coding" | "occurrence-string" | "not-processed" | "patient-unknown" | "other-source-system" | "source-type-kind" | "source-type-none" | "patient-not-own" | "person-record-unknown" | "not-patient-reference" | "batch-cross-reference" | "id-in-url" | "not-known-here" | "identifier-no-person" | "other-source-record" | "already-stored" | "record-not-imported" | "bundle-method-import" | "ndjson-json" | "ndjson-line-too-long" | "import-process-stopped" | "import-shutdown" | "import-shutdown-at" | "import-shutdown-partial" | "disk-full" | "disk-quota" | "disk-write" | "database-read-only" | "import-refused" | "import-error" | "not-utf8" | "trip-mode" | "venue-repeated" | "lat-lon-together" | "zone-repeated" | "person-emptied" | "indicator-area" | "indicator-unknown" | "indicator-repeated" | "indicator-nested" | "webhook-key-legacy" | "webhook-key-revoked" | "webhook-source-disabled" | "webhook-no-agreement" | "token-refused" | "source-disabled" | "source-consumer-only" | "sign-in-required" | "agreement-none" | "agreement-none-no-purpose" | "role-permission" | "purpose-unknown" | "purpose-undeclarable" | "csrf-token" | "search-masked" | "sort-masked" | "account-unbound" | "account-source-unknown" | "account-source-consumer-only" | "source-not-found" | "api-key-not-found" | "api-key-already-revoked" | "source-already-disabled" | "source-not-disabled" | "source-disable-reason" | "source-name-taken" | "source-id-taken" | "user-not-found" | "username-taken" | "trace-person-unknown" | "trace-no-case" | "search-type-unsupported" | "search-parameter-unknown" | "search-value-required" | "search-modifier" | "search-reference-modifier" | "search-reference-format" | "search-date" | "search-count" | "search-offset" | "if-match-stale" | "import-kind-source-type" | "import-kind-staff-only" | "id-platform-form" | "all-ok" | "write-done" | "import-started" | "import-summary" | "if-none-exist-ambiguous" | "if-match-weak-etag" | "bundle-read-by-source" | "bundle-delete" | "body-not-json" | "body-resource-type" | "resource-not-stored" | "resource-type-supported" | "resource-unreadable" | "element-unknown" | "identifier-kept-invalid" | "snomed-result-unknown" | "bundle-type" | "bundle-entry-object" | "bundle-full-url" | "bundle-full-url-uuid" | "bundle-full-url-repeated" | "bundle-request-required" | "bundle-method-unsupported" | "bundle-method" | "bundle-url-required" | "bundle-url-type" | "bundle-create-url" | "bundle-url-form" | "bundle-url-id" | "bundle-update-conditional" | "bundle-delete-conditional" | "bundle-resource-required" | "bundle-resource-type" | "bundle-resource-id" | "bundle-if-none-exist-post" | "bundle-if-none-exist-query" | "bundle-if-match" | "bundle-reference-unresolved" | "body-json-invalid" | "body-json-ndjson" | "search-masked-own-records" | "too-short" | "exact-length" | "too-few" | "too-many" | "greater-than" | "less-than" | "multiple-of" | "type-array" | "type-object" | "wrong-type" | "iso-date-time" | "iso-time" | "string-format" | "pattern-mismatch" | "unknown-fields" | "invalid" | "username-form" | "area-code-digits" | "area-code-short" | "account-source-required" | "account-source-role" | "source-id-form" | "give-reason" | "give-reason-min" | "legal-basis-min" | "datasets-none" | "dataset-not-served" | "dataset-unknown" | "purpose-platform-own" | "agreement-purpose-unknown" | "after-valid-from" | "already-taken" | "data-source-unknown" | "expiry-past";
          "params"?: Record<string, string | number>;
          "reasonZh"?: string;
        }>;
        "warnings": Array<{
          "line": number;
          "field"?: string;
          "reason": string;
          "code"?: "required" | "element-required" | "too-long" | "one-of" | "at-least" | "at-most" | "not-before" | "in-future" | "pattern" | "date-time-offset" | "calendar-date" | "whole-number" | "number" | "finite-number" | "boolean" | "sex" | "resident-id-format" | "resident-id-length" | "resident-id-area" | "resident-id-birth-date" | "resident-id-check-digit" | "phone" | "area-code" | "country" | "passport-format" | "passport-country" | "passport-number" | "person-identity" | "asymptomatic-onset" | "u07-1-classification" | "u07-2-classification" | "diagnosis-coding" | "csv-empty" | "csv-header" | "csv-field-count" | "csv-unclosed-quote" | "csv-after-quote" | "csv-stray-quote" | "json-object" | "json-array" | "json-string" | "json-number" | "json-boolean" | "not-empty" | "not-empty-array" | "not-blank" | "fhir-string-too-long" | "fhir-code-whitespace" | "fhir-uri-whitespace" | "fhir-id" | "fhir-integer" | "fhir-date" | "fhir-date-time" | "fhir-instant" | "coding-system-required" | "identifier-system-required" | "reference-format" | "reference-type" | "reference-missing" | "period-order" | "choice-variants" | "choice-one" | "resource-type" | "resource-object" | "patient-identity" | "final-result-value" | "modifier-extension" | "coding-from" | "between" | "loinc-coding" | "loinc-code" | "specimen-time-required" | "specimen-time-timing" | "case-classification" | "condition-entered-in-error" | "vaccine-coding" | "occurrence-string" | "not-processed" | "patient-unknown" | "other-source-system" | "source-type-kind" | "source-type-none" | "patient-not-own" | "person-record-unknown" | "not-patient-reference" | "batch-cross-reference" | "id-in-url" | "not-known-here" | "identifier-no-person" | "other-source-record" | "already-stored" | "record-not-imported" | "bundle-method-import" | "ndjson-json" | "ndjson-line-too-long" | "import-process-stopped" | "import-shutdown" | "import-shutdown-at" | "import-shutdown-partial" | "disk-full" | "disk-quota" | "disk-write" | "database-read-only" | "import-refused" | "import-error" | "not-utf8" | "trip-mode" | "venue-repeated" | "lat-lon-together" | "zone-repeated" | "person-emptied" | "indicator-area" | "indicator-unknown" | "indicator-repeated" | "indicator-nested" | "webhook-key-legacy" | "webhook-key-revoked" | "webhook-source-disabled" | "webhook-no-agreement" | "token-refused" | "source-disabled" | "source-consumer-only" | "sign-in-required" | "agreement-none" | "agreement-none-no-purpose" | "role-permission" | "purpose-unknown" | "purpose-undeclarable" | "csrf-token" | "search-masked" | "sort-masked" | "account-unbound" | "account-source-unknown" | "account-source-consumer-only" | "source-not-found" | "api-key-not-found" | "api-key-already-revoked" | "source-already-disabled" | "source-not-disabled" | "source-disable-reason" | "source-name-taken" | "source-id-taken" | "user-not-found" | "username-taken" | "trace-person-unknown" | "trace-no-case" | "search-type-unsupported" | "search-parameter-unknown" | "search-value-required" | "search-modifier" | "search-reference-modifier" | "search-reference-format" | "search-date" | "search-count" | "search-offset" | "if-match-stale" | "import-kind-source-type" | "import-kind-staff-only" | "id-platform-form" | "all-ok" | "write-done" | "import-started" | "import-summary" | "if-none-exist-ambiguous" | "if-match-weak-etag" | "bundle-read-by-source" | "bundle-delete" | "body-not-json" | "body-resource-type" | "resource-not-stored" | "resource-type-supported" | "resource-unreadable" | "element-unknown" | "identifier-kept-invalid" | "snomed-result-unknown" | "bundle-type" | "bundle-entry-object" | "bundle-full-url" | "bundle-full-url-uuid" | "bundle-full-url-repeated" | "bundle-request-required" | "bundle-method-unsupported" | "bundle-method" | "bundle-url-required" | "bundle-url-type" | "bundle-create-url" | "bundle-url-form" | "bundle-url-id" | "bundle-update-conditional" | "bundle-delete-conditional" | "bundle-resource-required" | "bundle-resource-type" | "bundle-resource-id" | "bundle-if-none-exist-post" | "bundle-if-none-exist-query" | "bundle-if-match" | "bundle-reference-unresolved" | "body-json-invalid" | "body-json-ndjson" | "search-masked-own-records" | "too-short" | "exact-length" | "too-few" | "too-many" | "greater-than" | "less-than" | "multiple-of" | "type-array" | "type-object" | "wrong-type" | "iso-date-time" | "iso-time" | "string-format" | "pattern-mismatch" | "unknown-fields" | "invalid" | "username-form" | "area-code-digits" | "area-code-short" | "account-source-required" | "account-source-role" | "source-id-form" | "give-reason" | "give-reason-min" | "legal-basis-min" | "datasets-none" | "dataset-not-served" | "dataset-unknown" | "purpose-platform-own" | "agreement-purpose-unknown" | "after-valid-from" | "already-taken" | "data-source-unknown" | "expiry-past";
          "params"?: Record<string, string | number>;
          "reasonZh"?: string;
        }>;
        "warningCount": number;
        "actorId": string;
        "sourceId": string | null;
        "createdAt": string;
        "finishedAt": string | null;
      };
    };
  };
  "/api/v1/imports/kinds": {
    get: {
      query: never;
      body: never;
      response: {
        "items": Array<{
          "kind": string;
          "description": string;
          "descriptionZh": string;
          "template": {
            "fileName": string;
            "contentType": string;
            "example": string;
            "columns": Array<{
              "name": string;
              "required": boolean;
              "en": string;
              "zh": string;
            }>;
          } | null;
        }>;
      };
    };
  };
  "/api/v1/imports/templates/{kind}": {
    get: {
      query: never;
      body: never;
      response: null;
    };
  };
  "/api/v1/indicators": {
    get: {
      query: never;
      body: never;
      response: {
        "items": Array<{
          "code": "confirmed_cases" | "confirmed_by_onset" | "asymptomatic_infections" | "tests_performed" | "tests_positive" | "fever_clinic_visits" | "ili" | "antipyretic_sales" | "cough_medicine_sales" | "school_absenteeism" | "consultation_requests" | "test_positivity";
          "nameZh": string;
          "nameEn": string;
          "unitZh": string;
          "unitEn": string;
          "origin": "hub" | "import" | "hub-or-import";
          "ratio": boolean;
        }>;
      };
    };
  };
  "/api/v1/indicators/breakdown": {
    get: {
      query: { "area": string; "indicator": "confirmed_cases" | "confirmed_by_onset" | "asymptomatic_infections" | "tests_performed" | "tests_positive" | "fever_clinic_visits" | "ili" | "antipyretic_sales" | "cough_medicine_sales" | "school_absenteeism" | "consultation_requests" | "test_positivity"; "from": string; "to": string };
      body: never;
      response: {
        "area": {
          "code": string;
          "name": string;
          "nameEn": string;
          "level": "city" | "district" | "street";
        };
        "indicator": "confirmed_cases" | "confirmed_by_onset" | "asymptomatic_infections" | "tests_performed" | "tests_positive" | "fever_clinic_visits" | "ili" | "antipyretic_sales" | "cough_medicine_sales" | "school_absenteeism" | "consultation_requests" | "test_positivity";
        "from": string;
        "to": string;
        "items": Array<{
          "code": string;
          "name": string;
          "nameEn": string;
          "level": "city" | "district" | "street";
          "total": number | null;
          "last": number | null;
        }>;
      };
    };
  };
  "/api/v1/indicators/series": {
    get: {
      query: { "area": string; "indicator": "confirmed_cases" | "confirmed_by_onset" | "asymptomatic_infections" | "tests_performed" | "tests_positive" | "fever_clinic_visits" | "ili" | "antipyretic_sales" | "cough_medicine_sales" | "school_absenteeism" | "consultation_requests" | "test_positivity"; "from": string; "to": string };
      body: never;
      response: {
        "area": {
          "code": string;
          "name": string;
          "nameEn": string;
          "level": "city" | "district" | "street";
        };
        "indicator": "confirmed_cases" | "confirmed_by_onset" | "asymptomatic_infections" | "tests_performed" | "tests_positive" | "fever_clinic_visits" | "ili" | "antipyretic_sales" | "cough_medicine_sales" | "school_absenteeism" | "consultation_requests" | "test_positivity";
        "from": string;
        "to": string;
        "points": Array<{
          "date": string;
          "value": number | null;
        }>;
      };
    };
  };
  "/api/v1/linkage/export": {
    get: {
      query: never;
      body: never;
      response: {
        "persons": Array<{
          "person_id": string;
          "records": Array<{
            "source_id": string;
            "system": string;
            "value": string;
          }>;
        }>;
      };
    };
  };
  "/api/v1/linkage/merges": {
    post: {
      query: never;
      body: {
        "survivorId": string;
        "mergedId": string;
        "reason": string;
      };
      response: {
        "id": string;
        "survivorId": string;
        "mergedId": string;
        "reason": string;
        "reviewId": string | null;
        "mergedBy": string;
        "mergedAt": string;
        "status": "active" | "undone";
        "undoneBy": string | null;
        "undoneAt": string | null;
      };
    };
  };
  "/api/v1/linkage/merges/{id}/undo": {
    post: {
      query: never;
      body: {
        "reason": string;
      };
      response: {
        "id": string;
        "survivorId": string;
        "mergedId": string;
        "reason": string;
        "reviewId": string | null;
        "mergedBy": string;
        "mergedAt": string;
        "status": "active" | "undone";
        "undoneBy": string | null;
        "undoneAt": string | null;
      };
    };
  };
  "/api/v1/linkage/reviews": {
    get: {
      query: { "limit"?: number; "offset"?: number; "sort"?: string; "order"?: "asc" | "desc"; "q"?: string; "status"?: "open" | "merged" | "distinct" | "superseded"; "format"?: "json" | "csv" | "xlsx" };
      body: never;
      response: {
        "items": Array<{
          "id": string;
          "status": "open" | "merged" | "distinct" | "superseded";
          "score": number;
          "createdAt": string;
          "decidedBy": string | null;
          "decidedByName": string | null;
          "decidedAt": string | null;
          "mergeId": string | null;
          "record": {
            "recordKey": string;
            "sourceId": string;
            "sourceName": string | null;
            "recordId": string;
            "personId": string;
            "method": string;
            "score": number | null;
            "linkedAt": string;
            "name": string | null;
            "sex": string | null;
            "birthDate": string | null;
            "phone": string | null;
            "areaCode": string | null;
            "address": string | null;
            "document": string | null;
            "identifier": {
              "system": string;
              "value": string;
            };
          };
          "candidate": {
            "recordKey": string;
            "sourceId": string;
            "sourceName": string | null;
            "recordId": string;
            "personId": string;
            "method": string;
            "score": number | null;
            "linkedAt": string;
            "name": string | null;
            "sex": string | null;
            "birthDate": string | null;
            "phone": string | null;
            "areaCode": string | null;
            "address": string | null;
            "document": string | null;
            "identifier": {
              "system": string;
              "value": string;
            };
          };
          "sides": {
            "record": {
              "state": "as-made" | "merged" | "moved";
              "personId": string;
              "changedFields": Array<string>;
            };
            "candidate": {
              "state": "as-made" | "merged" | "moved";
              "personId": string;
              "changedFields": Array<string>;
            };
          };
          "explanation": {
            "score": number;
            "matchProbability": number;
            "priorLogOdds": number;
            "fields": Array<{
              "field": string;
              "level": string;
              "weight": number;
              "left": string | null;
              "right": string | null;
              "note"?: string;
            }>;
            "nameFrequencyAdjustment": number;
            "residentIdConflict": boolean;
            "reasons": Array<"birth-date-contradicts-id" | "sex-contradicts-id" | "name-unlike-id-holder" | "corrected-record">;
          };
        }>;
        "total": number;
        "limit": number;
        "offset": number;
      };
    };
  };
  "/api/v1/linkage/reviews/{id}": {
    get: {
      query: never;
      body: never;
      response: {
        "id": string;
        "status": "open" | "merged" | "distinct" | "superseded";
        "score": number;
        "createdAt": string;
        "decidedBy": string | null;
        "decidedByName": string | null;
        "decidedAt": string | null;
        "mergeId": string | null;
        "record": {
          "recordKey": string;
          "sourceId": string;
          "sourceName": string | null;
          "recordId": string;
          "personId": string;
          "method": string;
          "score": number | null;
          "linkedAt": string;
          "name": string | null;
          "sex": string | null;
          "birthDate": string | null;
          "phone": string | null;
          "areaCode": string | null;
          "address": string | null;
          "document": string | null;
          "identifier": {
            "system": string;
            "value": string;
          };
        };
        "candidate": {
          "recordKey": string;
          "sourceId": string;
          "sourceName": string | null;
          "recordId": string;
          "personId": string;
          "method": string;
          "score": number | null;
          "linkedAt": string;
          "name": string | null;
          "sex": string | null;
          "birthDate": string | null;
          "phone": string | null;
          "areaCode": string | null;
          "address": string | null;
          "document": string | null;
          "identifier": {
            "system": string;
            "value": string;
          };
        };
        "sides": {
          "record": {
            "state": "as-made" | "merged" | "moved";
            "personId": string;
            "changedFields": Array<string>;
          };
          "candidate": {
            "state": "as-made" | "merged" | "moved";
            "personId": string;
            "changedFields": Array<string>;
          };
        };
        "explanation": {
          "score": number;
          "matchProbability": number;
          "priorLogOdds": number;
          "fields": Array<{
            "field": string;
            "level": string;
            "weight": number;
            "left": string | null;
            "right": string | null;
            "note"?: string;
          }>;
          "nameFrequencyAdjustment": number;
          "residentIdConflict": boolean;
          "reasons": Array<"birth-date-contradicts-id" | "sex-contradicts-id" | "name-unlike-id-holder" | "corrected-record">;
        };
      };
    };
  };
  "/api/v1/linkage/reviews/{id}/decision": {
    post: {
      query: never;
      body: {
        "decision": "merge" | "distinct";
        "reason"?: string;
      };
      response: {
        "id": string;
        "status": "open" | "merged" | "distinct" | "superseded";
        "score": number;
        "createdAt": string;
        "decidedBy": string | null;
        "decidedByName": string | null;
        "decidedAt": string | null;
        "mergeId": string | null;
        "record": {
          "recordKey": string;
          "sourceId": string;
          "sourceName": string | null;
          "recordId": string;
          "personId": string;
          "method": string;
          "score": number | null;
          "linkedAt": string;
          "name": string | null;
          "sex": string | null;
          "birthDate": string | null;
          "phone": string | null;
          "areaCode": string | null;
          "address": string | null;
          "document": string | null;
          "identifier": {
            "system": string;
            "value": string;
          };
        };
        "candidate": {
          "recordKey": string;
          "sourceId": string;
          "sourceName": string | null;
          "recordId": string;
          "personId": string;
          "method": string;
          "score": number | null;
          "linkedAt": string;
          "name": string | null;
          "sex": string | null;
          "birthDate": string | null;
          "phone": string | null;
          "areaCode": string | null;
          "address": string | null;
          "document": string | null;
          "identifier": {
            "system": string;
            "value": string;
          };
        };
        "sides": {
          "record": {
            "state": "as-made" | "merged" | "moved";
            "personId": string;
            "changedFields": Array<string>;
          };
          "candidate": {
            "state": "as-made" | "merged" | "moved";
            "personId": string;
            "changedFields": Array<string>;
          };
        };
        "explanation": {
          "score": number;
          "matchProbability": number;
          "priorLogOdds": number;
          "fields": Array<{
            "field": string;
            "level": string;
            "weight": number;
            "left": string | null;
            "right": string | null;
            "note"?: string;
          }>;
          "nameFrequencyAdjustment": number;
          "residentIdConflict": boolean;
          "reasons": Array<"birth-date-contradicts-id" | "sex-contradicts-id" | "name-unlike-id-holder" | "corrected-record">;
        };
      };
    };
  };
  "/api/v1/linkage/splits": {
    post: {
      query: never;
      body: {
        "recordKey": string;
        "reason": string;
      };
      response: {
        "id": string;
        "name": string | null;
        "sex": string | null;
        "birthDate": string | null;
        "areaCode": string | null;
        "updatedAt": string;
        "requestedId": string;
        "fate": "active" | "merged" | "emptied";
        "mergedInto": string | null;
        "emptiedAt": string | null;
        "recordsMovedTo": string | null;
        "identifiers": Array<{
          "system": string;
          "value": string;
        }>;
        "records": Array<{
          "recordKey": string;
          "sourceId": string;
          "sourceName": string | null;
          "recordId": string;
          "personId": string;
          "method": string;
          "score": number | null;
          "linkedAt": string;
          "name": string | null;
          "sex": string | null;
          "birthDate": string | null;
          "phone": string | null;
          "areaCode": string | null;
          "address": string | null;
          "document": string | null;
          "identifier": {
            "system": string;
            "value": string;
          };
        }>;
        "merges": Array<{
          "id": string;
          "survivorId": string;
          "mergedId": string;
          "reason": string;
          "reviewId": string | null;
          "mergedBy": string;
          "mergedAt": string;
          "status": "active" | "undone";
          "undoneBy": string | null;
          "undoneAt": string | null;
        }>;
        "splits": Array<{
          "id": string;
          "recordKey": string;
          "fromPersonId": string;
          "toPersonId": string;
          "reason": string;
          "splitBy": string;
          "splitAt": string;
        }>;
        "openReviews": number;
      };
    };
  };
  "/api/v1/news": {
    get: {
      query: { "limit"?: number; "offset"?: number; "sort"?: string; "order"?: "asc" | "desc"; "q"?: string; "relevant"?: "true" | "false"; "lang"?: "zh" | "en"; "origin"?: "api" | "import" | "feed"; "feed"?: string; "format"?: "json" | "csv" | "xlsx" };
      body: never;
      response: {
        "items": Array<{
          "id": string;
          "title": string;
          "text": string;
          "url": string | null;
          "source": string | null;
          "published": string | null;
          "lang": "zh" | "en";
          "relevant": boolean;
          "score": number;
          "eventDate": string;
          "origin": "api" | "import" | "feed";
          "feedId": string | null;
          "signalId": string | null;
          "ingestedAt": string;
          "diseases": Array<{
            "id": string;
            "nameEn": string;
            "nameZh": string;
            "subtypes": Array<string>;
          }>;
          "places": Array<{
            "code": string;
            "scheme": "GB/T 2260" | "ISO 3166-1" | "ISO 3166-2";
            "level": string;
            "nameZh": string;
            "nameEn": string;
            "country": string;
          }>;
          "counts": Array<{
            "measure": "cases" | "deaths" | "hospitalised";
            "value": number;
            "scope": "new" | "cumulative" | "unspecified";
          }>;
          "cases": number | null;
          "deaths": number | null;
          "readText": string;
          "highlights": Array<{
            "start": number;
            "end": number;
            "kind": "disease" | "place" | "count" | "date";
          }>;
        }>;
        "total": number;
        "limit": number;
        "offset": number;
      };
    };
    post: {
      query: never;
      body: {
        "title"?: string;
        "text": string;
        "url"?: string;
        "published"?: string | string;
        "source"?: string;
        "lang"?: "zh" | "en";
      };
      response: {
        "received": number;
        "stored": number;
        "duplicates": number;
        "relevant": number;
        "signalsCreated": Array<string>;
        "signalsUpdated": Array<string>;
        "items": Array<{
          "itemId": string;
          "title": string;
          "lang": "zh" | "en";
          "duplicate": boolean;
          "relevant": boolean;
          "score": number;
          "signalId": string | null;
          "signalCreated": boolean;
        }>;
        "issues": Array<{
          "record"?: string | number;
          "field"?: string;
          "reason": string;
        }>;
      };
    };
  };
  "/api/v1/news/batch": {
    post: {
      query: never;
      body: {
        "content": string;
        "format"?: "auto" | "text" | "json" | "rss" | "atom";
      };
      response: {
        "received": number;
        "stored": number;
        "duplicates": number;
        "relevant": number;
        "signalsCreated": Array<string>;
        "signalsUpdated": Array<string>;
        "items": Array<{
          "itemId": string;
          "title": string;
          "lang": "zh" | "en";
          "duplicate": boolean;
          "relevant": boolean;
          "score": number;
          "signalId": string | null;
          "signalCreated": boolean;
        }>;
        "issues": Array<{
          "record"?: string | number;
          "field"?: string;
          "reason": string;
        }>;
      };
    };
  };
  "/api/v1/news/feeds": {
    get: {
      query: { "limit"?: number; "offset"?: number; "sort"?: string; "order"?: "asc" | "desc"; "q"?: string; "format"?: "json" | "csv" | "xlsx" };
      body: never;
      response: {
        "items": Array<{
          "id": string;
          "url": string;
          "title": string | null;
          "active": boolean;
          "intervalMinutes": number;
          "nextFetchAt": string;
          "lastFetchedAt": string | null;
          "lastStatus": "ok" | "not_modified" | "error" | null;
          "lastError": string | null;
          "lastNewItems": number;
          "itemsTotal": number;
          "createdAt": string;
        }>;
        "total": number;
        "limit": number;
        "offset": number;
      };
    };
    post: {
      query: never;
      body: {
        "url": string;
        "title"?: string;
        "intervalMinutes"?: number;
      };
      response: {
        "id": string;
        "url": string;
        "title": string | null;
        "active": boolean;
        "intervalMinutes": number;
        "nextFetchAt": string;
        "lastFetchedAt": string | null;
        "lastStatus": "ok" | "not_modified" | "error" | null;
        "lastError": string | null;
        "lastNewItems": number;
        "itemsTotal": number;
        "createdAt": string;
      };
    };
  };
  "/api/v1/news/feeds/{id}/active": {
    post: {
      query: never;
      body: {
        "active": boolean;
      };
      response: {
        "id": string;
        "url": string;
        "title": string | null;
        "active": boolean;
        "intervalMinutes": number;
        "nextFetchAt": string;
        "lastFetchedAt": string | null;
        "lastStatus": "ok" | "not_modified" | "error" | null;
        "lastError": string | null;
        "lastNewItems": number;
        "itemsTotal": number;
        "createdAt": string;
      };
    };
  };
  "/api/v1/news/feeds/{id}/poll": {
    post: {
      query: never;
      body: never;
      response: {
        "feed": {
          "id": string;
          "url": string;
          "title": string | null;
          "active": boolean;
          "intervalMinutes": number;
          "nextFetchAt": string;
          "lastFetchedAt": string | null;
          "lastStatus": "ok" | "not_modified" | "error" | null;
          "lastError": string | null;
          "lastNewItems": number;
          "itemsTotal": number;
          "createdAt": string;
        };
        "ingest": {
          "received": number;
          "stored": number;
          "duplicates": number;
          "relevant": number;
          "signalsCreated": Array<string>;
          "signalsUpdated": Array<string>;
          "items": Array<{
            "itemId": string;
            "title": string;
            "lang": "zh" | "en";
            "duplicate": boolean;
            "relevant": boolean;
            "score": number;
            "signalId": string | null;
            "signalCreated": boolean;
          }>;
          "issues": Array<{
            "record"?: string | number;
            "field"?: string;
            "reason": string;
          }>;
        } | null;
      };
    };
  };
  "/api/v1/persons": {
    get: {
      query: { "limit"?: number; "offset"?: number; "sort"?: string; "order"?: "asc" | "desc"; "q"?: string; "identifier"?: string; "format"?: "json" | "csv" | "xlsx" };
      body: never;
      response: {
        "items": Array<{
          "id": string;
          "name": string | null;
          "sex": string | null;
          "birthDate": string | null;
          "areaCode": string | null;
          "updatedAt": string;
        }>;
        "total": number;
        "limit": number;
        "offset": number;
      };
    };
  };
  "/api/v1/persons/{id}": {
    get: {
      query: never;
      body: never;
      response: {
        "id": string;
        "name": string | null;
        "sex": string | null;
        "birthDate": string | null;
        "areaCode": string | null;
        "updatedAt": string;
        "requestedId": string;
        "fate": "active" | "merged" | "emptied";
        "mergedInto": string | null;
        "emptiedAt": string | null;
        "recordsMovedTo": string | null;
        "identifiers": Array<{
          "system": string;
          "value": string;
        }>;
        "records": Array<{
          "recordKey": string;
          "sourceId": string;
          "sourceName": string | null;
          "recordId": string;
          "personId": string;
          "method": string;
          "score": number | null;
          "linkedAt": string;
          "name": string | null;
          "sex": string | null;
          "birthDate": string | null;
          "phone": string | null;
          "areaCode": string | null;
          "address": string | null;
          "document": string | null;
          "identifier": {
            "system": string;
            "value": string;
          };
        }>;
        "merges": Array<{
          "id": string;
          "survivorId": string;
          "mergedId": string;
          "reason": string;
          "reviewId": string | null;
          "mergedBy": string;
          "mergedAt": string;
          "status": "active" | "undone";
          "undoneBy": string | null;
          "undoneAt": string | null;
        }>;
        "splits": Array<{
          "id": string;
          "recordKey": string;
          "fromPersonId": string;
          "toPersonId": string;
          "reason": string;
          "splitBy": string;
          "splitAt": string;
        }>;
        "openReviews": number;
      };
    };
  };
  "/api/v1/persons/{id}/timeline": {
    get: {
      query: never;
      body: never;
      response: {
        "personId": string;
        "personIds": Array<string>;
        "entries": Array<{
          "at": string;
          "kind": string;
          "id": string;
          "sourceId": string | null;
          "personId": string | null;
          "detail": Record<string, string | number | boolean | null>;
        }>;
        "case": {
          "id": string;
          "personId": string;
          "classification": "confirmed" | "asymptomatic" | "suspected";
          "status": "active" | "merged" | "retracted";
          "onset": string | null;
          "firstPositiveSpecimen": string | null;
          "reportTime": string;
          "areaCode": string | null;
          "sourceId": string | null;
          "basis": Array<string>;
          "createdAt": string;
          "updatedAt": string;
        } | null;
        "sources": Array<{
          "id": string;
          "name": string;
        }>;
        "withheld": Array<{
          "section": string;
          "dataset": string | null;
          "reason": string;
        }>;
      };
    };
  };
  "/api/v1/sharing/agreements": {
    get: {
      query: { "limit"?: number; "offset"?: number; "sort"?: string; "order"?: "asc" | "desc"; "q"?: string; "consumer"?: string; "format"?: "json" | "csv" | "xlsx" };
      body: never;
      response: {
        "items": Array<{
          "id": string;
          "consumerSourceId": string;
          "title": string;
          "datasets": Array<"persons" | "observations" | "conditions" | "encounters" | "immunizations" | "cases" | "presence" | "contacts" | "indicators" | "feed">;
          "fields": Array<"identifiers" | "phone" | "name" | "address" | "birth_date">;
          "purpose": "case_investigation" | "contact_tracing" | "surveillance" | "health_code" | "quarantine_management" | "community_management" | "port_health" | "data_submission" | "data_quality" | "self_service" | "audit" | "administration";
          "legalBasis": string;
          "validFrom": string;
          "expiresAt": string;
          "status": "active" | "revoked" | "expired";
          "createdBy": string;
          "createdAt": string;
          "revokedBy": string | null;
          "revokedAt": string | null;
          "revokeReason": string | null;
        }>;
        "total": number;
        "limit": number;
        "offset": number;
      };
    };
    post: {
      query: never;
      body: {
        "consumerSourceId": string;
        "title": string;
        "datasets": Array<"persons" | "observations" | "conditions" | "encounters" | "immunizations" | "cases" | "presence" | "contacts" | "indicators" | "feed">;
        "fields"?: Array<"identifiers" | "phone" | "name" | "address" | "birth_date">;
        "purpose": "case_investigation" | "contact_tracing" | "surveillance" | "health_code" | "quarantine_management" | "community_management" | "port_health" | "data_quality";
        "legalBasis": string;
        "validFrom"?: string;
        "expiresAt": string;
      };
      response: {
        "id": string;
        "consumerSourceId": string;
        "title": string;
        "datasets": Array<"persons" | "observations" | "conditions" | "encounters" | "immunizations" | "cases" | "presence" | "contacts" | "indicators" | "feed">;
        "fields": Array<"identifiers" | "phone" | "name" | "address" | "birth_date">;
        "purpose": "case_investigation" | "contact_tracing" | "surveillance" | "health_code" | "quarantine_management" | "community_management" | "port_health" | "data_submission" | "data_quality" | "self_service" | "audit" | "administration";
        "legalBasis": string;
        "validFrom": string;
        "expiresAt": string;
        "status": "active" | "revoked" | "expired";
        "createdBy": string;
        "createdAt": string;
        "revokedBy": string | null;
        "revokedAt": string | null;
        "revokeReason": string | null;
      };
    };
  };
  "/api/v1/sharing/agreements/{id}/revoke": {
    post: {
      query: never;
      body: {
        "reason": string;
      };
      response: {
        "id": string;
        "consumerSourceId": string;
        "title": string;
        "datasets": Array<"persons" | "observations" | "conditions" | "encounters" | "immunizations" | "cases" | "presence" | "contacts" | "indicators" | "feed">;
        "fields": Array<"identifiers" | "phone" | "name" | "address" | "birth_date">;
        "purpose": "case_investigation" | "contact_tracing" | "surveillance" | "health_code" | "quarantine_management" | "community_management" | "port_health" | "data_submission" | "data_quality" | "self_service" | "audit" | "administration";
        "legalBasis": string;
        "validFrom": string;
        "expiresAt": string;
        "status": "active" | "revoked" | "expired";
        "createdBy": string;
        "createdAt": string;
        "revokedBy": string | null;
        "revokedAt": string | null;
        "revokeReason": string | null;
      };
    };
  };
  "/api/v1/sharing/consumers/{id}/reads": {
    get: {
      query: { "limit"?: number; "offset"?: number; "sort"?: string; "order"?: "asc" | "desc"; "q"?: string; "format"?: "json" | "csv" | "xlsx" };
      body: never;
      response: {
        "items": Array<{
          "at": string;
          "actorId": string;
          "purpose": string;
          "action": string;
          "resourceType": string;
          "outcome": string;
          "detail": unknown;
        }>;
        "total": number;
        "limit": number;
        "offset": number;
      };
    };
  };
  "/api/v1/sharing/consumers/{id}/webhooks": {
    get: {
      query: never;
      body: never;
      response: {
        "items": Array<{
          "id": string;
          "url": string;
          "topics": Array<string>;
          "purpose": string;
          "cursor": number;
          "status": string;
          "attempts": number;
          "lastError": string | null;
          "delivered": number;
          "createdByKey": string | null;
          "pausedReason": string | null;
          "pausedReasonZh": string | null;
          "pausedCause": "key_legacy" | "key_revoked" | "source_disabled" | "no_agreement" | null;
          "pausedAt": string | null;
          "createdAt": string;
        }>;
      };
    };
  };
  "/api/v1/signals": {
    get: {
      query: { "limit"?: number; "offset"?: number; "sort"?: string; "order"?: "asc" | "desc"; "q"?: string; "status"?: "new" | "investigating" | "confirmed" | "dismissed" | "merged" | "open"; "disease"?: string; "lang"?: "zh" | "en"; "area"?: string; "format"?: "json" | "csv" | "xlsx" };
      body: never;
      response: {
        "items": Array<{
          "id": string;
          "status": "new" | "investigating" | "confirmed" | "dismissed" | "merged";
          "headline": string;
          "disease": {
            "id": string;
            "nameEn": string;
            "nameZh": string;
          } | null;
          "place": {
            "code": string;
            "scheme": "GB/T 2260" | "ISO 3166-1" | "ISO 3166-2";
            "level": string;
            "nameZh": string;
            "nameEn": string;
            "country": string;
          } | null;
          "places": Array<{
            "code": string;
            "scheme": "GB/T 2260" | "ISO 3166-1" | "ISO 3166-2";
            "level": string;
            "nameZh": string;
            "nameEn": string;
            "country": string;
          }>;
          "areaCode": string | null;
          "firstSeen": string;
          "lastSeen": string;
          "maxCases": number | null;
          "maxDeaths": number | null;
          "maxScore": number;
          "itemCount": number;
          "languages": Array<"zh" | "en">;
          "mergedInto": string | null;
          "retired": boolean;
          "triagedBy": string | null;
          "triagedAt": string | null;
          "createdAt": string;
          "updatedAt": string;
        }>;
        "total": number;
        "limit": number;
        "offset": number;
      };
    };
  };
  "/api/v1/signals/{id}": {
    get: {
      query: never;
      body: never;
      response: {
        "id": string;
        "status": "new" | "investigating" | "confirmed" | "dismissed" | "merged";
        "headline": string;
        "disease": {
          "id": string;
          "nameEn": string;
          "nameZh": string;
        } | null;
        "place": {
          "code": string;
          "scheme": "GB/T 2260" | "ISO 3166-1" | "ISO 3166-2";
          "level": string;
          "nameZh": string;
          "nameEn": string;
          "country": string;
        } | null;
        "places": Array<{
          "code": string;
          "scheme": "GB/T 2260" | "ISO 3166-1" | "ISO 3166-2";
          "level": string;
          "nameZh": string;
          "nameEn": string;
          "country": string;
        }>;
        "areaCode": string | null;
        "firstSeen": string;
        "lastSeen": string;
        "maxCases": number | null;
        "maxDeaths": number | null;
        "maxScore": number;
        "itemCount": number;
        "languages": Array<"zh" | "en">;
        "mergedInto": string | null;
        "retired": boolean;
        "triagedBy": string | null;
        "triagedAt": string | null;
        "createdAt": string;
        "updatedAt": string;
        "decisions": Array<{
          "id": string;
          "kind": "triage" | "merge" | "reopen";
          "fromStatus": "new" | "investigating" | "confirmed" | "dismissed" | "merged";
          "toStatus": "new" | "investigating" | "confirmed" | "dismissed" | "merged";
          "note": string;
          "relatedSignalId": string | null;
          "actorId": string;
          "actorName": string;
          "at": string;
        }>;
        "allowedTransitions": Array<"investigating" | "confirmed" | "dismissed">;
      };
    };
  };
  "/api/v1/signals/{id}/items": {
    get: {
      query: { "limit"?: number; "offset"?: number; "sort"?: string; "order"?: "asc" | "desc"; "q"?: string; "format"?: "json" | "csv" | "xlsx" };
      body: never;
      response: {
        "items": Array<{
          "id": string;
          "title": string;
          "text": string;
          "url": string | null;
          "source": string | null;
          "published": string | null;
          "lang": "zh" | "en";
          "relevant": boolean;
          "score": number;
          "eventDate": string;
          "origin": "api" | "import" | "feed";
          "feedId": string | null;
          "signalId": string | null;
          "ingestedAt": string;
          "diseases": Array<{
            "id": string;
            "nameEn": string;
            "nameZh": string;
            "subtypes": Array<string>;
          }>;
          "places": Array<{
            "code": string;
            "scheme": "GB/T 2260" | "ISO 3166-1" | "ISO 3166-2";
            "level": string;
            "nameZh": string;
            "nameEn": string;
            "country": string;
          }>;
          "counts": Array<{
            "measure": "cases" | "deaths" | "hospitalised";
            "value": number;
            "scope": "new" | "cumulative" | "unspecified";
          }>;
          "cases": number | null;
          "deaths": number | null;
          "readText": string;
          "highlights": Array<{
            "start": number;
            "end": number;
            "kind": "disease" | "place" | "count" | "date";
          }>;
        }>;
        "total": number;
        "limit": number;
        "offset": number;
      };
    };
  };
  "/api/v1/signals/{id}/merge": {
    post: {
      query: never;
      body: {
        "absorbedId": string;
        "note": string;
      };
      response: {
        "id": string;
        "status": "new" | "investigating" | "confirmed" | "dismissed" | "merged";
        "headline": string;
        "disease": {
          "id": string;
          "nameEn": string;
          "nameZh": string;
        } | null;
        "place": {
          "code": string;
          "scheme": "GB/T 2260" | "ISO 3166-1" | "ISO 3166-2";
          "level": string;
          "nameZh": string;
          "nameEn": string;
          "country": string;
        } | null;
        "places": Array<{
          "code": string;
          "scheme": "GB/T 2260" | "ISO 3166-1" | "ISO 3166-2";
          "level": string;
          "nameZh": string;
          "nameEn": string;
          "country": string;
        }>;
        "areaCode": string | null;
        "firstSeen": string;
        "lastSeen": string;
        "maxCases": number | null;
        "maxDeaths": number | null;
        "maxScore": number;
        "itemCount": number;
        "languages": Array<"zh" | "en">;
        "mergedInto": string | null;
        "retired": boolean;
        "triagedBy": string | null;
        "triagedAt": string | null;
        "createdAt": string;
        "updatedAt": string;
        "decisions": Array<{
          "id": string;
          "kind": "triage" | "merge" | "reopen";
          "fromStatus": "new" | "investigating" | "confirmed" | "dismissed" | "merged";
          "toStatus": "new" | "investigating" | "confirmed" | "dismissed" | "merged";
          "note": string;
          "relatedSignalId": string | null;
          "actorId": string;
          "actorName": string;
          "at": string;
        }>;
        "allowedTransitions": Array<"investigating" | "confirmed" | "dismissed">;
      };
    };
  };
  "/api/v1/signals/{id}/triage": {
    post: {
      query: never;
      body: {
        "status": "investigating" | "confirmed" | "dismissed";
        "note": string;
      };
      response: {
        "id": string;
        "status": "new" | "investigating" | "confirmed" | "dismissed" | "merged";
        "headline": string;
        "disease": {
          "id": string;
          "nameEn": string;
          "nameZh": string;
        } | null;
        "place": {
          "code": string;
          "scheme": "GB/T 2260" | "ISO 3166-1" | "ISO 3166-2";
          "level": string;
          "nameZh": string;
          "nameEn": string;
          "country": string;
        } | null;
        "places": Array<{
          "code": string;
          "scheme": "GB/T 2260" | "ISO 3166-1" | "ISO 3166-2";
          "level": string;
          "nameZh": string;
          "nameEn": string;
          "country": string;
        }>;
        "areaCode": string | null;
        "firstSeen": string;
        "lastSeen": string;
        "maxCases": number | null;
        "maxDeaths": number | null;
        "maxScore": number;
        "itemCount": number;
        "languages": Array<"zh" | "en">;
        "mergedInto": string | null;
        "retired": boolean;
        "triagedBy": string | null;
        "triagedAt": string | null;
        "createdAt": string;
        "updatedAt": string;
        "decisions": Array<{
          "id": string;
          "kind": "triage" | "merge" | "reopen";
          "fromStatus": "new" | "investigating" | "confirmed" | "dismissed" | "merged";
          "toStatus": "new" | "investigating" | "confirmed" | "dismissed" | "merged";
          "note": string;
          "relatedSignalId": string | null;
          "actorId": string;
          "actorName": string;
          "at": string;
        }>;
        "allowedTransitions": Array<"investigating" | "confirmed" | "dismissed">;
      };
    };
  };
  "/api/v1/signals/facets": {
    get: {
      query: never;
      body: never;
      response: {
        "diseases": Array<{
          "id": string;
          "nameEn": string;
          "nameZh": string;
          "count": number;
        }>;
      };
    };
  };
  "/api/v1/signals/open": {
    get: {
      query: { "limit"?: number };
      body: never;
      response: {
        "items": Array<{
          "id": string;
          "status": "new" | "investigating" | "confirmed" | "dismissed" | "merged";
          "headline": string;
          "disease": {
            "id": string;
            "nameEn": string;
            "nameZh": string;
          } | null;
          "place": {
            "code": string;
            "scheme": "GB/T 2260" | "ISO 3166-1" | "ISO 3166-2";
            "level": string;
            "nameZh": string;
            "nameEn": string;
            "country": string;
          } | null;
          "places": Array<{
            "code": string;
            "scheme": "GB/T 2260" | "ISO 3166-1" | "ISO 3166-2";
            "level": string;
            "nameZh": string;
            "nameEn": string;
            "country": string;
          }>;
          "areaCode": string | null;
          "firstSeen": string;
          "lastSeen": string;
          "maxCases": number | null;
          "maxDeaths": number | null;
          "maxScore": number;
          "itemCount": number;
          "languages": Array<"zh" | "en">;
          "mergedInto": string | null;
          "retired": boolean;
          "triagedBy": string | null;
          "triagedAt": string | null;
          "createdAt": string;
          "updatedAt": string;
        }>;
      };
    };
  };
  "/api/v1/sources": {
    get: {
      query: { "limit"?: number; "offset"?: number; "sort"?: string; "order"?: "asc" | "desc"; "q"?: string; "type"?: "hospital" | "lab" | "cdc" | "fever_clinic" | "pharmacy" | "transport" | "hotel" | "venue" | "community" | "port"; "format"?: "json" | "csv" | "xlsx" };
      body: never;
      response: {
        "items": Array<{
          "id": string;
          "name": string;
          "type": "hospital" | "lab" | "cdc" | "fever_clinic" | "pharmacy" | "transport" | "hotel" | "venue" | "community" | "port";
          "areaCode": string | null;
          "active": boolean;
          "createdAt": string;
          "expectedIntervalHours": number;
          "consumerOnly": boolean;
          "disabledAt": string | null;
          "disabledReason": string | null;
        }>;
        "total": number;
        "limit": number;
        "offset": number;
      };
    };
    post: {
      query: never;
      body: {
        "id"?: string;
        "name": string;
        "type": "hospital" | "lab" | "cdc" | "fever_clinic" | "pharmacy" | "transport" | "hotel" | "venue" | "community" | "port";
        "areaCode"?: string | null;
        "expectedIntervalHours"?: number;
        "consumerOnly"?: boolean;
      };
      response: {
        "id": string;
        "apiKey": string;
        "source": {
          "id": string;
          "name": string;
          "type": "hospital" | "lab" | "cdc" | "fever_clinic" | "pharmacy" | "transport" | "hotel" | "venue" | "community" | "port";
          "areaCode": string | null;
          "active": boolean;
          "createdAt": string;
          "expectedIntervalHours": number;
          "consumerOnly": boolean;
          "disabledAt": string | null;
          "disabledReason": string | null;
        };
      };
    };
  };
  "/api/v1/sources/{id}/disable": {
    post: {
      query: never;
      body: {
        "reason": string;
      };
      response: {
        "id": string;
        "name": string;
        "type": "hospital" | "lab" | "cdc" | "fever_clinic" | "pharmacy" | "transport" | "hotel" | "venue" | "community" | "port";
        "areaCode": string | null;
        "active": boolean;
        "createdAt": string;
        "expectedIntervalHours": number;
        "consumerOnly": boolean;
        "disabledAt": string | null;
        "disabledReason": string | null;
      };
    };
  };
  "/api/v1/sources/{id}/enable": {
    post: {
      query: never;
      body: never;
      response: {
        "id": string;
        "name": string;
        "type": "hospital" | "lab" | "cdc" | "fever_clinic" | "pharmacy" | "transport" | "hotel" | "venue" | "community" | "port";
        "areaCode": string | null;
        "active": boolean;
        "createdAt": string;
        "expectedIntervalHours": number;
        "consumerOnly": boolean;
        "disabledAt": string | null;
        "disabledReason": string | null;
      };
    };
  };
  "/api/v1/sources/{id}/keys": {
    get: {
      query: never;
      body: never;
      response: {
        "items": Array<{
          "id": string;
          "prefix": string;
          "createdAt": string;
          "lastUsedAt": string | null;
          "revokedAt": string | null;
        }>;
      };
    };
  };
  "/api/v1/sources/{sourceId}/keys/{id}/revoke": {
    post: {
      query: never;
      body: never;
      response: {
        "id": string;
        "prefix": string;
        "createdAt": string;
        "lastUsedAt": string | null;
        "revokedAt": string | null;
      };
    };
  };
  "/api/v1/sources/{sourceId}/keys/{id}/rotate": {
    post: {
      query: never;
      body: never;
      response: {
        "id": string;
        "apiKey": string;
        "revoked": {
          "id": string;
          "prefix": string;
          "createdAt": string;
          "lastUsedAt": string | null;
          "revokedAt": string | null;
        };
      };
    };
  };
  "/api/v1/sources/quality": {
    get: {
      query: { "limit"?: number; "offset"?: number; "sort"?: string; "order"?: "asc" | "desc"; "q"?: string; "format"?: "json" | "csv" | "xlsx" };
      body: never;
      response: {
        "items": Array<{
          "source": {
            "id": string;
            "name": string;
            "type": "hospital" | "lab" | "cdc" | "fever_clinic" | "pharmacy" | "transport" | "hotel" | "venue" | "community" | "port";
            "areaCode": string | null;
            "active": boolean;
            "createdAt": string;
            "expectedIntervalHours": number;
            "consumerOnly": boolean;
            "disabledAt": string | null;
            "disabledReason": string | null;
          };
          "health": {
            "lastRecordAt": string | null;
            "recordsToday": number;
            "rejectionRate": number | null;
            "typicalDelayMinutes": number | null;
            "delayP90Minutes": number | null;
            "silent": boolean;
            "silentForHours": number | null;
            "accepted": number;
            "unchanged": number;
            "rejected": number;
            "windowDays": number;
          };
        }>;
        "total": number;
        "limit": number;
        "offset": number;
      };
    };
  };
  "/api/v1/sources/silent": {
    get: {
      query: { "limit"?: number };
      body: never;
      response: {
        "count": number;
        "limit": number;
        "items": Array<{
          "id": string;
          "name": string;
          "lastRecordAt": string | null;
          "silentForHours": number;
          "expectedIntervalHours": number;
        }>;
      };
    };
  };
  "/api/v1/submissions/persons": {
    get: {
      query: { "limit"?: number; "offset"?: number; "sort"?: string; "order"?: "asc" | "desc"; "q"?: string; "format"?: "json" | "csv" | "xlsx" };
      body: never;
      response: {
        "items": Array<{
          "id": string;
          "name": string | null;
          "sex": string | null;
          "birthDate": string | null;
          "areaCode": string | null;
          "recordNumbers": Array<string>;
          "lastLinkedAt": string | null;
        }>;
        "total": number;
        "limit": number;
        "offset": number;
      };
    };
  };
  "/api/v1/submissions/persons/{id}/timeline": {
    get: {
      query: never;
      body: never;
      response: {
        "personId": string;
        "personIds": Array<string>;
        "entries": Array<{
          "at": string;
          "kind": string;
          "id": string;
          "sourceId": string | null;
          "personId": string | null;
          "detail": Record<string, string | number | boolean | null>;
        }>;
        "case": {
          "id": string;
          "personId": string;
          "classification": "confirmed" | "asymptomatic" | "suspected";
          "status": "active" | "merged" | "retracted";
          "onset": string | null;
          "firstPositiveSpecimen": string | null;
          "reportTime": string;
          "areaCode": string | null;
          "sourceId": string | null;
          "basis": Array<string>;
          "createdAt": string;
          "updatedAt": string;
        } | null;
        "sources": Array<{
          "id": string;
          "name": string;
        }>;
        "person": {
          "id": string;
          "name": string | null;
          "sex": string | null;
          "birthDate": string | null;
          "areaCode": string | null;
          "recordNumbers": Array<string>;
          "lastLinkedAt": string | null;
        };
      };
    };
  };
  "/api/v1/tracing/cases": {
    get: {
      query: { "limit"?: number; "offset"?: number; "sort"?: string; "order"?: "asc" | "desc"; "q"?: string; "format"?: "json" | "csv" | "xlsx" };
      body: never;
      response: {
        "items": Array<{
          "id": string;
          "personId": string;
          "classification": string;
          "status": string;
          "onset": string | null;
          "firstPositiveSpecimen": string | null;
          "reportTime": string;
          "areaCode": string | null;
          "latestRun": {
            "id": string;
            "caseId": string | null;
            "personId": string | null;
            "trigger": string;
            "windowFrom": string;
            "windowTo": string;
            "closeCount": number;
            "secondaryCount": number;
            "status": "done" | "failed";
            "error": string | null;
            "startedAt": string;
            "finishedAt": string;
            "durationMs": number;
            "report": {
              "contacts": {
                "close": number;
                "secondary": number;
              };
              "exposures": {
                "close": number;
                "secondary": number;
              };
              "byKind": Record<string, {
                "close": number;
                "secondary": number;
              }>;
              "topPlaces": Array<{
                "close": number;
                "secondary": number;
                "kind": string;
                "place_id": string;
                "category": string | null;
                "share": number;
              }>;
            } | null;
          } | null;
        }>;
        "total": number;
        "limit": number;
        "offset": number;
      };
    };
  };
  "/api/v1/tracing/cases/{personId}": {
    get: {
      query: never;
      body: never;
      response: {
        "id": string;
        "personId": string;
        "classification": string;
        "status": string;
        "onset": string | null;
        "firstPositiveSpecimen": string | null;
        "reportTime": string;
        "areaCode": string | null;
        "latestRun": {
          "id": string;
          "caseId": string | null;
          "personId": string | null;
          "trigger": string;
          "windowFrom": string;
          "windowTo": string;
          "closeCount": number;
          "secondaryCount": number;
          "status": "done" | "failed";
          "error": string | null;
          "startedAt": string;
          "finishedAt": string;
          "durationMs": number;
          "report": {
            "contacts": {
              "close": number;
              "secondary": number;
            };
            "exposures": {
              "close": number;
              "secondary": number;
            };
            "byKind": Record<string, {
              "close": number;
              "secondary": number;
            }>;
            "topPlaces": Array<{
              "close": number;
              "secondary": number;
              "kind": string;
              "place_id": string;
              "category": string | null;
              "share": number;
            }>;
          } | null;
        } | null;
      };
    };
  };
  "/api/v1/tracing/cases/{personId}/contacts": {
    get: {
      query: { "limit"?: number; "offset"?: number; "sort"?: string; "order"?: "asc" | "desc"; "q"?: string; "degree"?: number; "format"?: "json" | "csv" | "xlsx" };
      body: never;
      response: {
        "items": Array<{
          "id": string;
          "caseId": string | null;
          "casePersonId": string;
          "personId": string | null;
          "personRef": string;
          "degree": 1 | 2;
          "source": "data" | "interview";
          "firstExposureAt": string;
          "exposureFrom": string;
          "exposureTo": string;
          "exposureCount": number;
          "viaRef": string | null;
          "exposures": Array<{
            "kind": "venue" | "trip" | "stay" | "household" | "other";
            "place_id": string;
            "from": string;
            "to": string;
            "overlap_minutes": number;
            "via": string | null;
          }>;
          "areaCode": string | null;
          "taskId": string;
          "taskStatus": "identified" | "notified" | "quarantined" | "released" | "lost" | null;
          "note": string | null;
          "createdAt": string;
        }>;
        "total": number;
        "limit": number;
        "offset": number;
      };
    };
  };
  "/api/v1/tracing/cases/{personId}/exposures": {
    post: {
      query: never;
      body: {
        "personRef": string;
        "degree"?: 1 | 2;
        "kind"?: "venue" | "trip" | "stay" | "household" | "other";
        "placeId"?: string;
        "from": string;
        "to": string;
        "viaRef"?: string;
        "note"?: string;
      };
      response: {
        "contactId": string;
      };
    };
  };
  "/api/v1/tracing/cases/{personId}/graph": {
    get: {
      query: { "limit"?: number };
      body: never;
      response: {
        "casePersonId": string;
        "nodes": Array<{
          "id": string;
          "kind": "case" | "close" | "secondary";
          "label": string;
          "personId": string | null;
          "taskId": string | null;
          "taskStatus": string | null;
          "at": string;
        }>;
        "edges": Array<{
          "source": string;
          "target": string;
          "placeId": string;
          "kind": string;
        }>;
        "places": Array<{
          "kind": string;
          "placeId": string;
          "name": string | null;
          "venueType": string | null;
          "lat": number | null;
          "lon": number | null;
          "contacts": number;
        }>;
        "totalContacts": number;
        "truncated": boolean;
      };
    };
  };
  "/api/v1/tracing/cases/{personId}/runs": {
    get: {
      query: never;
      body: never;
      response: {
        "items": Array<{
          "id": string;
          "caseId": string | null;
          "personId": string | null;
          "trigger": string;
          "windowFrom": string;
          "windowTo": string;
          "closeCount": number;
          "secondaryCount": number;
          "status": "done" | "failed";
          "error": string | null;
          "startedAt": string;
          "finishedAt": string;
          "durationMs": number;
        }>;
      };
    };
    post: {
      query: never;
      body: never;
      response: {
        "id": string;
        "caseId": string | null;
        "personId": string | null;
        "trigger": string;
        "windowFrom": string;
        "windowTo": string;
        "closeCount": number;
        "secondaryCount": number;
        "status": "done" | "failed";
        "error": string | null;
        "startedAt": string;
        "finishedAt": string;
        "durationMs": number;
      };
    };
  };
  "/api/v1/tracing/clusters": {
    get: {
      query: { "limit"?: number; "offset"?: number; "sort"?: string; "order"?: "asc" | "desc"; "q"?: string; "minSize"?: number; "format"?: "json" | "csv" | "xlsx" };
      body: never;
      response: {
        "items": Array<{
          "id": string;
          "size": number;
          "generations": number;
          "firstOnset": string;
          "lastOnset": string;
          "areaCode": string | null;
          "recent": number;
          "growth": {
            "windowDays": number;
            "recent": number;
            "previous": number;
            "ratio": number | null;
            "dailyGrowthRate": number | null;
            "doublingDays": number | null;
          };
          "places": Array<{
            "kind": string;
            "place_id": string;
            "cases": number;
          }>;
          "timeline": Array<{
            "date": string;
            "cases": number;
          }>;
          "cases": Array<string>;
          "edges": Array<{
            "infector": string;
            "infectee": string;
            "likelihood": number;
          }>;
          "computedAt": string;
        }>;
        "total": number;
        "limit": number;
        "offset": number;
      };
    };
  };
  "/api/v1/tracing/clusters/{id}": {
    get: {
      query: never;
      body: never;
      response: {
        "id": string;
        "size": number;
        "generations": number;
        "firstOnset": string;
        "lastOnset": string;
        "areaCode": string | null;
        "recent": number;
        "growth": {
          "windowDays": number;
          "recent": number;
          "previous": number;
          "ratio": number | null;
          "dailyGrowthRate": number | null;
          "doublingDays": number | null;
        };
        "places": Array<{
          "kind": string;
          "place_id": string;
          "cases": number;
        }>;
        "timeline": Array<{
          "date": string;
          "cases": number;
        }>;
        "cases": Array<string>;
        "edges": Array<{
          "infector": string;
          "infectee": string;
          "likelihood": number;
        }>;
        "computedAt": string;
      };
    };
  };
  "/api/v1/tracing/clusters/{id}/graph": {
    get: {
      query: { "limit"?: number };
      body: never;
      response: {
        "clusterId": string;
        "cases": Array<{
          "personId": string;
          "onset": string;
          "generation": number;
          "infectors": Array<{
            "personId": string;
            "likelihood": number;
            "serialIntervalDays": number;
          }>;
        }>;
        "contacts": Array<{
          "id": string;
          "casePersonId": string;
          "label": string;
          "personId": string | null;
          "degree": 1 | 2;
          "via": string | null;
          "at": string;
          "placeId": string;
          "taskStatus": string | null;
        }>;
        "places": Array<{
          "kind": string;
          "placeId": string;
          "cases": number;
          "name": string | null;
          "venueType": string | null;
          "lat": number | null;
          "lon": number | null;
        }>;
        "totalContacts": number;
        "truncated": boolean;
      };
    };
  };
  "/api/v1/tracing/clusters/recompute": {
    post: {
      query: never;
      body: never;
      response: {
        "cases": number;
        "traced": number;
        "sharedExposures": number;
        "clusters": number;
        "largest": number;
        "durationMs": number;
      };
    };
  };
  "/api/v1/tracing/status": {
    get: {
      query: never;
      body: never;
      response: {
        "state": "not-loaded" | "loading" | "ready";
        "builtAt": string | null;
        "buildMs": number | null;
        "batches": number;
        "skippedRows": number;
        "persons": number | null;
        "checkIns": number | null;
        "trips": number | null;
        "stays": number | null;
        "householdMemberships": number | null;
        "typedArrayBytes": number | null;
      };
    };
  };
  "/api/v1/tracing/tasks": {
    get: {
      query: { "limit"?: number; "offset"?: number; "sort"?: string; "order"?: "asc" | "desc"; "q"?: string; "status"?: "identified" | "notified" | "quarantined" | "released" | "lost"; "degree"?: number; "assignee"?: string; "format"?: "json" | "csv" | "xlsx" };
      body: never;
      response: {
        "items": Array<{
          "id": string;
          "personId": string | null;
          "personRef": string;
          "degree": 1 | 2;
          "status": "identified" | "notified" | "quarantined" | "released" | "lost";
          "assignee": string | null;
          "areaCode": string | null;
          "caseCount": number;
          "firstCasePersonId": string;
          "lastExposureAt": string;
          "quarantinedAt": string | null;
          "createdAt": string;
          "updatedAt": string;
          "closedAt": string | null;
        }>;
        "total": number;
        "limit": number;
        "offset": number;
      };
    };
  };
  "/api/v1/tracing/tasks/{id}": {
    get: {
      query: never;
      body: never;
      response: {
        "id": string;
        "personId": string | null;
        "personRef": string;
        "degree": 1 | 2;
        "status": "identified" | "notified" | "quarantined" | "released" | "lost";
        "assignee": string | null;
        "areaCode": string | null;
        "caseCount": number;
        "firstCasePersonId": string;
        "lastExposureAt": string;
        "quarantinedAt": string | null;
        "createdAt": string;
        "updatedAt": string;
        "closedAt": string | null;
        "history": Array<{
          "id": string;
          "at": string;
          "actor": string;
          "action": "created" | "linked" | "status" | "assigned" | "note";
          "fromStatus": string | null;
          "toStatus": string | null;
          "note": string | null;
          "detail": Record<string, string | number | boolean | null>;
        }>;
        "contacts": Array<{
          "id": string;
          "caseId": string | null;
          "casePersonId": string;
          "personId": string | null;
          "personRef": string;
          "degree": 1 | 2;
          "source": "data" | "interview";
          "firstExposureAt": string;
          "exposureFrom": string;
          "exposureTo": string;
          "exposureCount": number;
          "viaRef": string | null;
          "exposures": Array<{
            "kind": "venue" | "trip" | "stay" | "household" | "other";
            "place_id": string;
            "from": string;
            "to": string;
            "overlap_minutes": number;
            "via": string | null;
          }>;
          "areaCode": string | null;
          "taskId": string;
          "taskStatus": "identified" | "notified" | "quarantined" | "released" | "lost" | null;
          "note": string | null;
          "createdAt": string;
        }>;
      };
    };
  };
  "/api/v1/tracing/tasks/{id}/assign": {
    post: {
      query: never;
      body: {
        "assignee": string | null;
      };
      response: {
        "id": string;
        "personId": string | null;
        "personRef": string;
        "degree": 1 | 2;
        "status": "identified" | "notified" | "quarantined" | "released" | "lost";
        "assignee": string | null;
        "areaCode": string | null;
        "caseCount": number;
        "firstCasePersonId": string;
        "lastExposureAt": string;
        "quarantinedAt": string | null;
        "createdAt": string;
        "updatedAt": string;
        "closedAt": string | null;
      };
    };
  };
  "/api/v1/tracing/tasks/{id}/move": {
    post: {
      query: never;
      body: {
        "status": "identified" | "notified" | "quarantined" | "released" | "lost";
        "note"?: string;
        "at"?: string;
      };
      response: {
        "id": string;
        "personId": string | null;
        "personRef": string;
        "degree": 1 | 2;
        "status": "identified" | "notified" | "quarantined" | "released" | "lost";
        "assignee": string | null;
        "areaCode": string | null;
        "caseCount": number;
        "firstCasePersonId": string;
        "lastExposureAt": string;
        "quarantinedAt": string | null;
        "createdAt": string;
        "updatedAt": string;
        "closedAt": string | null;
      };
    };
  };
  "/api/v1/tracing/tasks/{id}/notes": {
    post: {
      query: never;
      body: {
        "note": string;
      };
      response: {
        "id": string;
        "at": string;
        "actor": string;
        "action": "created" | "linked" | "status" | "assigned" | "note";
        "fromStatus": string | null;
        "toStatus": string | null;
        "note": string | null;
        "detail": Record<string, string | number | boolean | null>;
      };
    };
  };
  "/api/v1/tracing/tasks/counts": {
    get: {
      query: never;
      body: never;
      response: Record<string, number>;
    };
  };
  "/api/v1/tracing/trace": {
    get: {
      query: { "case": string; "from"?: string; "to"?: string; "minOverlap"?: number };
      body: never;
      response: null;
    };
  };
  "/api/v1/users": {
    get: {
      query: { "limit"?: number; "offset"?: number; "sort"?: string; "order"?: "asc" | "desc"; "q"?: string; "role"?: "citizen" | "grid_worker" | "venue_operator" | "data_source" | "port_staff" | "epidemiologist" | "analyst" | "admin" | "auditor"; "format"?: "json" | "csv" | "xlsx" };
      body: never;
      response: {
        "items": Array<{
          "id": string;
          "username": string;
          "displayName": string;
          "role": "citizen" | "grid_worker" | "venue_operator" | "data_source" | "port_staff" | "epidemiologist" | "analyst" | "admin" | "auditor";
          "areaCode": string | null;
          "personId": string | null;
          "sourceId": string | null;
          "active": boolean;
          "createdAt": string;
          "lastLoginAt": string | null;
        }>;
        "total": number;
        "limit": number;
        "offset": number;
      };
    };
    post: {
      query: never;
      body: {
        "username": string;
        "displayName": string;
        "role": "citizen" | "grid_worker" | "venue_operator" | "data_source" | "port_staff" | "epidemiologist" | "analyst" | "admin" | "auditor";
        "areaCode"?: string | null;
        "personId"?: string | null;
        "sourceId"?: string | null;
        "password": string;
      };
      response: {
        "id": string;
        "username": string;
        "displayName": string;
        "role": "citizen" | "grid_worker" | "venue_operator" | "data_source" | "port_staff" | "epidemiologist" | "analyst" | "admin" | "auditor";
        "areaCode": string | null;
        "personId": string | null;
        "sourceId": string | null;
        "active": boolean;
        "createdAt": string;
        "lastLoginAt": string | null;
      };
    };
  };
  "/api/v1/users/{id}/source": {
    post: {
      query: never;
      body: {
        "sourceId": string;
      };
      response: {
        "id": string;
        "username": string;
        "displayName": string;
        "role": "citizen" | "grid_worker" | "venue_operator" | "data_source" | "port_staff" | "epidemiologist" | "analyst" | "admin" | "auditor";
        "areaCode": string | null;
        "personId": string | null;
        "sourceId": string | null;
        "active": boolean;
        "createdAt": string;
        "lastLoginAt": string | null;
      };
    };
  };
  "/fhir/r4": {
    post: {
      query: never;
      body: never;
      response: null;
    };
  };
  "/fhir/r4/$import": {
    post: {
      query: { "partial"?: "true" | "false"; "wait"?: "true" | "false" };
      body: never;
      response: null;
    };
  };
  "/fhir/r4/Condition": {
    post: {
      query: never;
      body: never;
      response: null;
    };
    get: {
      query: never;
      body: never;
      response: null;
    };
  };
  "/fhir/r4/Condition/{id}": {
    put: {
      query: never;
      body: never;
      response: null;
    };
    get: {
      query: never;
      body: never;
      response: null;
    };
  };
  "/fhir/r4/Condition/{id}/_history": {
    get: {
      query: never;
      body: never;
      response: null;
    };
  };
  "/fhir/r4/Condition/{id}/_history/{vid}": {
    get: {
      query: never;
      body: never;
      response: null;
    };
  };
  "/fhir/r4/Encounter": {
    post: {
      query: never;
      body: never;
      response: null;
    };
    get: {
      query: never;
      body: never;
      response: null;
    };
  };
  "/fhir/r4/Encounter/{id}": {
    put: {
      query: never;
      body: never;
      response: null;
    };
    get: {
      query: never;
      body: never;
      response: null;
    };
  };
  "/fhir/r4/Encounter/{id}/_history": {
    get: {
      query: never;
      body: never;
      response: null;
    };
  };
  "/fhir/r4/Encounter/{id}/_history/{vid}": {
    get: {
      query: never;
      body: never;
      response: null;
    };
  };
  "/fhir/r4/Immunization": {
    post: {
      query: never;
      body: never;
      response: null;
    };
    get: {
      query: never;
      body: never;
      response: null;
    };
  };
  "/fhir/r4/Immunization/{id}": {
    put: {
      query: never;
      body: never;
      response: null;
    };
    get: {
      query: never;
      body: never;
      response: null;
    };
  };
  "/fhir/r4/Immunization/{id}/_history": {
    get: {
      query: never;
      body: never;
      response: null;
    };
  };
  "/fhir/r4/Immunization/{id}/_history/{vid}": {
    get: {
      query: never;
      body: never;
      response: null;
    };
  };
  "/fhir/r4/Location": {
    post: {
      query: never;
      body: never;
      response: null;
    };
    get: {
      query: never;
      body: never;
      response: null;
    };
  };
  "/fhir/r4/Location/{id}": {
    put: {
      query: never;
      body: never;
      response: null;
    };
    get: {
      query: never;
      body: never;
      response: null;
    };
  };
  "/fhir/r4/Location/{id}/_history": {
    get: {
      query: never;
      body: never;
      response: null;
    };
  };
  "/fhir/r4/Location/{id}/_history/{vid}": {
    get: {
      query: never;
      body: never;
      response: null;
    };
  };
  "/fhir/r4/metadata": {
    get: {
      query: never;
      body: never;
      response: null;
    };
  };
  "/fhir/r4/Observation": {
    post: {
      query: never;
      body: never;
      response: null;
    };
    get: {
      query: never;
      body: never;
      response: null;
    };
  };
  "/fhir/r4/Observation/{id}": {
    put: {
      query: never;
      body: never;
      response: null;
    };
    get: {
      query: never;
      body: never;
      response: null;
    };
  };
  "/fhir/r4/Observation/{id}/_history": {
    get: {
      query: never;
      body: never;
      response: null;
    };
  };
  "/fhir/r4/Observation/{id}/_history/{vid}": {
    get: {
      query: never;
      body: never;
      response: null;
    };
  };
  "/fhir/r4/Organization": {
    post: {
      query: never;
      body: never;
      response: null;
    };
    get: {
      query: never;
      body: never;
      response: null;
    };
  };
  "/fhir/r4/Organization/{id}": {
    put: {
      query: never;
      body: never;
      response: null;
    };
    get: {
      query: never;
      body: never;
      response: null;
    };
  };
  "/fhir/r4/Organization/{id}/_history": {
    get: {
      query: never;
      body: never;
      response: null;
    };
  };
  "/fhir/r4/Organization/{id}/_history/{vid}": {
    get: {
      query: never;
      body: never;
      response: null;
    };
  };
  "/fhir/r4/Patient": {
    post: {
      query: never;
      body: never;
      response: null;
    };
    get: {
      query: never;
      body: never;
      response: null;
    };
  };
  "/fhir/r4/Patient/{id}": {
    put: {
      query: never;
      body: never;
      response: null;
    };
    get: {
      query: never;
      body: never;
      response: null;
    };
  };
  "/fhir/r4/Patient/{id}/_history": {
    get: {
      query: never;
      body: never;
      response: null;
    };
  };
  "/fhir/r4/Patient/{id}/_history/{vid}": {
    get: {
      query: never;
      body: never;
      response: null;
    };
  };
  "/healthz": {
    get: {
      query: never;
      body: never;
      response: {
        "status": "ok";
        "version": string;
      };
    };
  };
  "/readyz": {
    get: {
      query: never;
      body: never;
      response: {
        "status": "ready";
        "database": string;
      };
    };
  };
}
