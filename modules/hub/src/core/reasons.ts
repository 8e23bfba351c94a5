/**
 * Stable codes for every reason a user reads (a CSV field or FHIR element refused, an import that failed, a
 * webhook paused), with their parameters, and their texts in English and Simplified Chinese: the one source
 * of both. The API gives the English `reason` with its code, parameters and Chinese (`reasonZh`); the web
 * shows the one of its language. Each text is a template whose `{{name}}` placeholders take the parameters.
 */
import { refusalReasonTexts, refusalReasonTextsZh, templateReader } from '@shuzhi/core';
import {
  commonValidationCodes,
  validationReasonTexts,
  validationReasonTextsZh,
  type ZodReasonCode,
} from '@shuzhi/core';

export const reasonTexts = {
  // Any field or element.
  required: 'is required',
  'element-required': '{{element}} is required',
  'too-long': 'longer than {{max}} characters',
  'one-of': 'must be one of {{values}}',
  'at-least': 'must be at least {{min}}',
  'at-most': 'must be at most {{max}}',
  'not-before': 'must not precede {{other}}',
  'in-future': "{{value}} is in the future (the hub's clock says {{today}}); check the year",
  // CSV field types.
  pattern: 'must be {{hint}}',
  'date-time-offset': 'must be an ISO 8601 date-time with offset, e.g. 2022-03-05T08:30:00+08:00',
  'calendar-date': 'must be a date YYYY-MM-DD that exists',
  'whole-number': 'must be a whole number',
  number: 'must be a number',
  'finite-number': 'must be a finite number',
  boolean: 'must be true or false',
  sex: 'must be male, female, other or unknown',
  'resident-id-format': 'must be 17 digits followed by a digit or X',
  // A resident ID kept though it fails GB 11643 (`identifier-kept-invalid`): what is wrong, never the number.
  'resident-id-length': 'a resident ID number has 18 characters',
  'resident-id-area': 'its first six digits name no province',
  'resident-id-birth-date': 'its digits 7 to 14 are not a possible birth date',
  'resident-id-check-digit': 'its check character does not match its first 17 digits (GB 11643)',
  phone: 'must be a phone number',
  'area-code':
    'must be a GB/T 2260 area code of 2, 4, 6, 9, 12 or 15 digits (province, city, county, street, community, grid)',
  country: 'must be an ISO 3166-1 country code (alpha-2 or alpha-3)',
  'passport-format': 'must be COUNTRY:NUMBER with an ISO 3166-1 country code',
  'passport-country': 'unknown ISO 3166-1 country code {{country}}',
  'passport-number': 'passport number must be 5 to 20 letters or digits',
  'person-identity': 'one of person_source_id, resident_id or passport is required',
  'asymptomatic-onset': 'must be empty for an asymptomatic infection',
  'u07-1-classification': 'U07.1 means the virus was identified; {{classification}} cases are coded U07.2',
  'u07-2-classification':
    'U07.2 means the virus was not identified; {{classification}} cases are coded U07.1',
  'diagnosis-coding': 'the diagnosis needs a coding (ICD-10 U07.1 or U07.2 for COVID-19)',
  // CSV files.
  'csv-empty': 'the file is empty; expected the header {{expected}}',
  'csv-header': 'expected the header {{expected}}: {{problems}}',
  'csv-field-count': 'expected {{expected}} fields as in the header, found {{found}}',
  'csv-unclosed-quote': 'a quoted field is not closed before the end of the file',
  'csv-after-quote': 'unexpected character after a closing quote (column {{column}})',
  'csv-stray-quote': 'a quote inside an unquoted field (column {{column}}); quote the whole field',
  // FHIR JSON.
  'json-object': 'must be a JSON object',
  'json-array': 'must be a JSON array (the element repeats)',
  'json-string': 'must be a string',
  'json-number': 'must be a JSON number',
  'json-boolean': 'must be true or false',
  'not-empty': 'must not be empty',
  'not-empty-array': 'must not be an empty array',
  'not-blank': 'must not be empty or blank',
  'fhir-string-too-long': 'longer than {{max}} characters, the most a FHIR string holds',
  'fhir-code-whitespace': 'a code has no leading, trailing or repeated whitespace',
  'fhir-uri-whitespace': 'a URI has no whitespace',
  'fhir-id': 'an id is 1–64 letters, digits, "-" or "."',
  'fhir-integer': 'must be a 32-bit integer',
  'fhir-date': 'must be a FHIR date: YYYY, YYYY-MM or YYYY-MM-DD',
  'fhir-date-time': 'must be a FHIR dateTime: YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDThh:mm:ss with offset',
  'fhir-instant': 'must be an instant: YYYY-MM-DDThh:mm:ss with offset',
  'coding-system-required': 'system is required to interpret the code',
  'identifier-system-required': 'system is required so the identifier can be matched',
  'reference-format': 'must be Type/id or urn:uuid:<uuid>',
  'reference-type': 'must refer to {{types}}',
  'reference-missing': 'a reference needs reference or identifier',
  'period-order': 'end must not be before start (per-1)',
  'choice-variants': '{{element}} may be {{variants}}',
  'choice-one': 'only one of {{variants}} may be present',
  'resource-type': 'resourceType must be {{type}}',
  'resource-object': 'a resource must be a JSON object',
  'patient-identity': 'a patient needs an identifier or a name to be linked to a person',
  'final-result-value': 'a final result needs value[x] (or dataAbsentReason)',
  'modifier-extension': 'modifier extensions are not understood here',
  'coding-from': 'needs a coding from {{system}}',
  between: 'must be between {{min}} and {{max}}',
  'loinc-coding': 'the test must be coded in LOINC (system {{system}})',
  'loinc-code': '{{code}} is not a LOINC code (digits, hyphen, check digit)',
  'specimen-time-required':
    'the specimen collection time (effectiveDateTime) is required for a laboratory result',
  'specimen-time-timing': 'use effectiveDateTime for the specimen collection time',
  'case-classification': 'case classification must be one of {{values}}',
  'condition-entered-in-error':
    'clinicalStatus must be absent when verificationStatus is entered-in-error (con-5)',
  'vaccine-coding': 'the vaccine needs a coding',
  'occurrence-string': 'give the date as occurrenceDateTime',
  // Refusals when a record is stored (the record store's pipeline).
  'not-processed': 'not processed: another record of the submission was rejected',
  'patient-unknown': 'Patient/{{id}} is not known to the hub; send the Patient first or in the same Bundle',
  'other-source-system':
    "{{system}} is another data source's record system; name a person by this source's own urn:shuzhi:source:{{source}}, a resident ID or a passport",
  'source-type-kind': 'a {{type}} data source does not submit {{kind}} records; it submits {{kinds}}',
  'source-type-none': 'a {{type}} data source does not submit {{kind}} records; it submits no records here',
  'patient-not-own':
    "Patient/{{id}} is not one of this data source's records; send the Patient first or in the same Bundle",
  'person-record-unknown': 'no person record {{record}} is known to the hub',
  'not-patient-reference': '{{reference}} is not a Patient reference',
  'batch-cross-reference': 'entries of a batch cannot refer to each other; use a transaction',
  // FHIR REST answers (fhir.service.ts) and the gatekeeper's refusal of a key, as a FHIR client reads them.
  'id-in-url': 'must be {{id}}, the id in the URL',
  'not-known-here': '{{what}} is not known here, or you may not see it',
  'identifier-no-person':
    'identifier system {{system}} names no person the hub can find; use a Patient reference, urn:shuzhi:source:…, a resident ID or a passport',
  'other-source-record': '{{resource}} belongs to another data source',
  'already-stored': 'this record is already stored as {{resource}}; update that id',
  'record-not-imported': '{{kind}} records are not imported here',
  'bundle-method-import': 'only POST and PUT entries can be imported',
  'ndjson-json': 'not valid JSON: {{detail}}',
  'ndjson-line-too-long':
    'the line is longer than {{max}} characters: one resource per line, each string at most 1 MiB',
  // The import service's own reasons for a file it did not finish (line 0: the whole file).
  'import-process-stopped':
    'interrupted: the process running this import stopped before it ended; nothing of it was applied',
  'import-shutdown':
    'interrupted by a shutdown of the server: nothing of this file was stored; send it again',
  'import-shutdown-at':
    'interrupted by a shutdown of the server at line {{line}}: nothing of this file was stored; send it again',
  'import-shutdown-partial':
    'interrupted by a shutdown of the server: the lines before this one were imported, this line and those after it were not; send them again',
  'disk-full': 'the disk is full: nothing of this file was stored',
  'disk-quota': 'the disk quota is exhausted: nothing of this file was stored',
  'disk-write': 'the database could not write to its disk ({{code}}): nothing of this file was stored',
  'database-read-only': 'the database file cannot be written ({{code}}): nothing of this file was stored',
  'import-refused': '{{message}}: nothing of this file was stored',
  'import-error':
    'the import stopped on an unexpected error ({{name}}; see the server log): nothing of this file was stored',
  'not-utf8': 'is not UTF-8 text (a GBK or GB18030 file?): save the file as UTF-8 and send it again',
  // Presence, venue and indicator files (tracing's and surveillance's own checks).
  'trip-mode': 'trip {{trip}} is a {{mode}} trip',
  'venue-repeated': 'venue listed already on line {{line}}',
  'lat-lon-together': 'lat and lon go together',
  'zone-repeated': 'a zone is listed twice',
  'person-emptied':
    'person {{id}} stands for nobody now: its records all moved to other persons, not to one; name the person by their resident ID, passport or current platform id',
  'indicator-area': '{{area}} is not the city, a district or a street of the city (GB/T 2260 / NBS code)',
  'indicator-unknown': 'unknown indicator; one of {{values}}',
  'indicator-repeated': 'the same area, indicator and date as line {{line}}',
  'indicator-nested':
    'line {{line}} gives {{area}} for the same indicator and date; give one level (districts or streets), the city total may accompany them',
  // Why the platform paused a webhook subscription.
  'webhook-key-legacy':
    'subscribed before webhooks recorded their API key; resume it with a live key of the source',
  'webhook-key-revoked':
    'the API key {{key}} that subscribed it was revoked or rotated; resume it with a live key of the source',
  'webhook-source-disabled': 'the data source {{source}} is disabled',
  'webhook-no-agreement':
    'no active data-sharing agreement covers dataset feed for purpose {{purpose}} (revoked or expired)',
  // The gatekeeper's refusals of a caller (no or an unknown key, a source's standing, no agreement, a role's
  // permission or purpose, CSRF, a masked search) and of an account's source: identity throws them with their
  // codes, so they are defined below it, in @shuzhi/core, and taken in here.
  ...refusalReasonTexts,
  // FHIR search parameters (fhir/search-query.ts) and the search's paging and version checks.
  'search-type-unsupported': 'searching {{type}} is not supported',
  'search-parameter-unknown': 'unknown search parameter for {{type}}; supported: {{supported}}',
  'search-value-required': 'a search parameter needs a value',
  'search-modifier': 'modifier :{{modifier}} is not supported',
  'search-reference-modifier': 'modifier :{{modifier}} is not supported (use {{modifiers}} or :identifier)',
  'search-reference-format': 'must be Type/id or id',
  'search-date':
    '{{value}} is not a date: use YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDThh:mm[:ss][offset], optionally prefixed by {{prefixes}}',
  'search-count': '_count must be a whole number',
  'search-offset': '_offset must be a whole number up to {{max}}',
  'if-match-stale': 'the current version is {{current}}, not {{expected}}',
  // Import kinds a data source may submit (imports/import-kinds.ts), refused before the file is read.
  'import-kind-source-type':
    'import kind {{kind}} is not submitted by a {{type}} source (it may submit {{kinds}})',
  'import-kind-staff-only': 'import kind {{kind}} is not submitted by data sources',
  // Record ids (ADR 0002).
  'id-platform-form': '{{reference}} has the form of an id the platform generates; send an id of your own',
  // FHIR answers built by the FHIR service, the Bundle planner and the validators (fhir/fhir.service.ts,
  // core/fhir/*), coded where they are built so that an outcome's Chinese comes from its code, not its English.
  'all-ok': 'All OK',
  'write-done': '{{resource}} {{status}}, version {{version}}',
  'import-started': 'import {{job}} started',
  'import-summary':
    '{{status}}: {{accepted}} accepted, {{unchanged}} unchanged, {{rejected}} rejected of {{total}}',
  'if-none-exist-ambiguous': '{{count}} resources match; the create is ambiguous',
  'if-match-weak-etag': 'If-Match must be a weak ETag W/"version"',
  'bundle-read-by-source':
    'a data source cannot read in a Bundle: read with GET /fhir/r4/{type} under a data-sharing agreement',
  'bundle-delete': 'delete is not supported: send a corrected version instead',
  'body-not-json': 'send the {{type}} as JSON, with Content-Type application/fhir+json',
  'body-resource-type': 'the body must be a {{type}} resource',
  'resource-not-stored': '{{type}} cannot be stored',
  'resource-type-supported': 'resourceType must be one of {{types}}',
  'resource-unreadable': 'the resource could not be read',
  'element-unknown': 'unknown element {{element}} ignored',
  'identifier-kept-invalid': '{{problem}}; kept, but not used to link persons',
  'snomed-result-unknown': 'SNOMED CT {{code}} is not a known result; stored as other',
  'bundle-type': 'only transaction and batch Bundles can be submitted',
  'bundle-entry-object': 'an entry must be a JSON object',
  'bundle-full-url': 'must be a URI',
  'bundle-full-url-uuid': 'a urn:uuid fullUrl must hold a UUID',
  'bundle-full-url-repeated': '{{fullUrl}} appears in more than one entry',
  'bundle-request-required': 'request is required in a transaction or batch',
  'bundle-method-unsupported': '{{method}} is not supported',
  'bundle-method': 'must be GET, POST, PUT or DELETE',
  'bundle-url-required': 'url is required',
  'bundle-url-type': '{{type}} is not a supported resource type',
  'bundle-create-url': 'a create goes to the type: url must be the resource type',
  'bundle-url-form': 'url must be Type/id or Type?query',
  'bundle-url-id': '{{id}} is not a valid id',
  'bundle-update-conditional': 'PUT needs Type/id (conditional update is not supported)',
  'bundle-delete-conditional': 'DELETE needs Type/id (conditional delete is not supported)',
  'bundle-resource-required': '{{method}} needs a resource',
  'bundle-resource-type': 'must be {{type}}, as in request.url',
  'bundle-resource-id': 'must be {{id}}, the id in request.url',
  'bundle-if-none-exist-post': 'ifNoneExist applies to POST only',
  'bundle-if-none-exist-query': 'must be a query string',
  'bundle-if-match': 'ifMatch is a weak ETag W/"version" on a PUT',
  'bundle-reference-unresolved': "{{reference}} matches no entry's fullUrl in this transaction",
  'body-json-invalid': 'the body is not JSON: {{detail}}',
  'body-json-ndjson': 'the body is not JSON: {{detail}}; send NDJSON as {{type}}, one resource per line',
  // A FHIR search by a masked identifier (fhir/resource-masking.ts): the gatekeeper's search-masked, and the
  // system under which a data source may still search its own records.
  'search-masked-own-records':
    'searching by {{param}} needs the {{field}} field in clear, which your role or data-sharing agreement does not grant; your own records can be searched under {{system}}',
  // A form's or an API body's field a Zod schema refused (@shuzhi/core zod-issues.ts): the kinds of check the
  // codes above do not cover, and the schemas' own messages; defined in @shuzhi/core, below identity's schemas.
  ...validationReasonTexts,
} as const satisfies Record<string, string>;

export type ReasonCode = keyof typeof reasonTexts;

/**
 * The same reasons in Simplified Chinese (the web app's other language, and FHIR answers to `Accept-Language:
 * zh-CN`), with the same parameters.
 */
export const reasonTextsZh: Record<ReasonCode, string> = {
  required: '必填',
  'element-required': '{{element}} 为必填项',
  'too-long': '超过 {{max}} 个字符',
  'one-of': '必须是以下之一：{{values}}',
  'at-least': '不得小于 {{min}}',
  'at-most': '不得大于 {{max}}',
  'not-before': '不得早于 {{other}}',
  'in-future': '{{value}} 晚于当前日期（平台时钟为 {{today}}），请检查年份',
  pattern: '格式应为：{{hint}}',
  'date-time-offset': '必须是带时区偏移的 ISO 8601 日期时间，例如 2022-03-05T08:30:00+08:00',
  'calendar-date': '必须是存在的日期，格式 YYYY-MM-DD',
  'whole-number': '必须是整数',
  number: '必须是数字',
  'finite-number': '必须是有限数值',
  boolean: '必须是 true 或 false（是/否）',
  sex: '必须是 male、female、other 或 unknown（男/女）',
  'resident-id-format': '必须是 17 位数字加 1 位数字或 X',
  'resident-id-length': '居民身份证号码应为 18 位',
  'resident-id-area': '前 6 位不是任何省份的行政区划代码',
  'resident-id-birth-date': '第 7 至 14 位不是可能的出生日期',
  'resident-id-check-digit': '校验码与前 17 位不符（GB 11643）',
  phone: '必须是电话号码',
  'area-code': '必须是 2、4、6、9、12 或 15 位的 GB/T 2260 行政区划代码（省、市、区县、街道、社区、网格）',
  country: '必须是 ISO 3166-1 国家代码（两位或三位字母）',
  'passport-format': '格式必须是 国家代码:证件号，国家代码为 ISO 3166-1 代码',
  'passport-country': '未知的 ISO 3166-1 国家代码 {{country}}',
  'passport-number': '护照号码必须是 5 至 20 位字母或数字',
  'person-identity': 'person_source_id、resident_id、passport 三者至少填写一项',
  'asymptomatic-onset': '无症状感染者的发病日期必须为空',
  'u07-1-classification': 'U07.1 表示已检出病毒；{{classification}} 病例应编码为 U07.2',
  'u07-2-classification': 'U07.2 表示未检出病毒；{{classification}} 病例应编码为 U07.1',
  'diagnosis-coding': '诊断需要编码（新冠肺炎为 ICD-10 U07.1 或 U07.2）',
  'csv-empty': '文件为空；应有表头 {{expected}}',
  'csv-header': '表头应为 {{expected}}：{{problems}}',
  'csv-field-count': '应与表头一样有 {{expected}} 个字段，实有 {{found}} 个',
  'csv-unclosed-quote': '引号内的字段直到文件末尾仍未闭合',
  'csv-after-quote': '右引号后出现意外字符（第 {{column}} 列）',
  'csv-stray-quote': '未加引号的字段中含有引号（第 {{column}} 列）；请给整个字段加引号',
  'json-object': '必须是 JSON 对象',
  'json-array': '必须是 JSON 数组（该元素可重复）',
  'json-string': '必须是字符串',
  'json-number': '必须是 JSON 数字',
  'json-boolean': '必须是 true 或 false',
  'not-empty': '不能为空',
  'not-empty-array': '不能是空数组',
  'not-blank': '不能为空或仅含空白',
  'fhir-string-too-long': '超过 {{max}} 个字符，即 FHIR 字符串的上限',
  'fhir-code-whitespace': '代码不能以空白开头或结尾，也不能含连续空白',
  'fhir-uri-whitespace': 'URI 不能含空白',
  'fhir-id': 'id 应为 1–64 个字母、数字、“-”或“.”',
  'fhir-integer': '必须是 32 位整数',
  'fhir-date': '必须是 FHIR 日期：YYYY、YYYY-MM 或 YYYY-MM-DD',
  'fhir-date-time': '必须是 FHIR 日期时间：YYYY、YYYY-MM、YYYY-MM-DD 或带时区偏移的 YYYY-MM-DDThh:mm:ss',
  'fhir-instant': '必须是带时区偏移的时刻：YYYY-MM-DDThh:mm:ss',
  'coding-system-required': '需要 system 才能解读该代码',
  'identifier-system-required': '需要 system 才能匹配该标识符',
  'reference-format': '格式必须是 类型/id 或 urn:uuid:<uuid>',
  'reference-type': '必须引用 {{types}}',
  'reference-missing': '引用需要 reference 或 identifier',
  'period-order': '结束时间不得早于开始时间（per-1）',
  'choice-variants': '{{element}} 只能是 {{variants}}',
  'choice-one': '{{variants}} 只能出现一个',
  'resource-type': 'resourceType 必须是 {{type}}',
  'resource-object': '资源必须是 JSON 对象',
  'patient-identity': '患者需要标识符或姓名，才能关联到人员',
  'final-result-value': '最终结果需要 value[x]（或 dataAbsentReason）',
  'modifier-extension': '无法理解修饰扩展（modifierExtension）',
  'coding-from': '需要一个来自 {{system}} 的编码',
  between: '必须在 {{min}} 与 {{max}} 之间',
  'loinc-coding': '检测项目必须使用 LOINC 编码（system {{system}}）',
  'loinc-code': '{{code}} 不是 LOINC 代码（数字、连字符、校验位）',
  'specimen-time-required': '检验结果必须有标本采集时间（effectiveDateTime）',
  'specimen-time-timing': '标本采集时间请用 effectiveDateTime',
  'case-classification': '病例分类必须是以下之一：{{values}}',
  'condition-entered-in-error': 'verificationStatus 为 entered-in-error 时不得有 clinicalStatus（con-5）',
  'vaccine-coding': '疫苗需要编码',
  'occurrence-string': '接种日期请用 occurrenceDateTime',
  'not-processed': '未处理：同一批提交中另有记录被拒绝',
  'patient-unknown': '数据中心尚无 Patient/{{id}}；请先发送该 Patient，或放在同一个 Bundle 中',
  'other-source-system':
    '{{system}} 是另一个数据源的记录体系；请用本数据源自己的 urn:shuzhi:source:{{source}}、居民身份证号或护照指明人员',
  'source-type-kind': '{{type}}类数据源不报送 {{kind}} 记录；它报送的是 {{kinds}}',
  'source-type-none': '{{type}}类数据源不报送 {{kind}} 记录；此处不接收它报送的任何记录',
  'patient-not-own': 'Patient/{{id}} 不是本数据源的记录；请先发送该 Patient，或放在同一个 Bundle 中',
  'person-record-unknown': '数据中心尚无人员记录 {{record}}',
  'not-patient-reference': '{{reference}} 不是对 Patient 的引用',
  'batch-cross-reference': 'batch 类型 Bundle 的条目之间不能相互引用；请改用 transaction',
  'id-in-url': '必须是 {{id}}，即 URL 中的 id',
  'not-known-here': '{{what}} 不存在，或您无权查看',
  'identifier-no-person':
    '标识符体系 {{system}} 无法找到对应人员；请使用 Patient 引用、urn:shuzhi:source:…、居民身份证号或护照',
  'other-source-record': '{{resource}} 属于另一个数据源',
  'already-stored': '该记录已存为 {{resource}}；请更新该 id',
  'record-not-imported': '此处不导入 {{kind}} 记录',
  'bundle-method-import': '只能导入 POST 和 PUT 条目',
  'ndjson-json': '不是有效的 JSON：{{detail}}',
  'ndjson-line-too-long': '该行超过 {{max}} 个字符：每行一个资源，每个字符串至多 1 MiB',
  'import-process-stopped': '已中断：运行此导入的进程在完成前停止；此文件的内容均未写入',
  'import-shutdown': '服务器关闭，导入中断：此文件的内容均未保存；请重新发送',
  'import-shutdown-at': '服务器关闭，导入在第 {{line}} 行中断：此文件的内容均未保存；请重新发送',
  'import-shutdown-partial':
    '服务器关闭，导入中断：此行之前的各行已导入，此行及之后的各行未导入；请重新发送这些行',
  'disk-full': '磁盘已满：此文件的内容均未保存',
  'disk-quota': '磁盘配额已用尽：此文件的内容均未保存',
  'disk-write': '数据库无法写入磁盘（{{code}}）：此文件的内容均未保存',
  'database-read-only': '数据库文件不可写（{{code}}）：此文件的内容均未保存',
  'import-refused': '{{message}}：此文件的内容均未保存',
  'import-error': '导入因意外错误中止（{{name}}，详见服务器日志）：此文件的内容均未保存',
  'not-utf8': '不是 UTF-8 文本（可能是 GBK 或 GB18030 文件）：请另存为 UTF-8 后重新发送',
  'trip-mode': '行程 {{trip}} 已登记为 {{mode}} 行程',
  'venue-repeated': '该场所已在第 {{line}} 行列出',
  'lat-lon-together': 'lat 和 lon 须同时填写',
  'zone-repeated': '有区域重复列出',
  'person-emptied':
    '人员 {{id}} 已不代表任何人：其记录已全部转到其他人员名下，且不止一人；请用居民身份证号、护照或其现在的平台编号指明人员',
  'indicator-area': '{{area}} 不是本市、本市的区县或街道（GB/T 2260 / 统计用区划代码）',
  'indicator-unknown': '未知指标；应为以下之一：{{values}}',
  'indicator-repeated': '地区、指标和日期与第 {{line}} 行相同',
  'indicator-nested':
    '第 {{line}} 行已给出 {{area}} 同一指标同一日期的数字；请只报一个层级（区县或街道），可另附全市合计',
  'webhook-key-legacy': '订阅早于平台记录订阅所用的 API 密钥；请用该数据源的有效密钥恢复',
  'webhook-key-revoked': '订阅所用的 API 密钥 {{key}} 已被吊销或轮换；请用该数据源的有效密钥恢复',
  'webhook-source-disabled': '数据源 {{source}} 已停用',
  'webhook-no-agreement': '没有有效的数据共享协议为用途“{{purpose}}”授权数据集 feed（已撤销或已过期）',
  ...refusalReasonTextsZh,
  'search-type-unsupported': '不支持检索 {{type}}',
  'search-parameter-unknown': '{{type}} 没有这个检索参数；支持的参数：{{supported}}',
  'search-value-required': '检索参数需要取值',
  'search-modifier': '不支持修饰符 :{{modifier}}',
  'search-reference-modifier': '不支持修饰符 :{{modifier}}（请用 {{modifiers}} 或 :identifier）',
  'search-reference-format': '格式必须是 类型/id 或 id',
  'search-date':
    '{{value}} 不是日期：请用 YYYY、YYYY-MM、YYYY-MM-DD 或 YYYY-MM-DDThh:mm[:ss][时区偏移]，可加前缀 {{prefixes}}',
  'search-count': '_count 必须是整数',
  'search-offset': '_offset 必须是不超过 {{max}} 的整数',
  'if-match-stale': '当前版本是 {{current}}，不是 {{expected}}',
  'import-kind-source-type': '{{type}}类数据源不提交 {{kind}} 类导入（它可提交：{{kinds}}）',
  'import-kind-staff-only': '数据源不提交 {{kind}} 类导入，此类导入仅由工作人员提交',
  'id-platform-form': '{{reference}} 的形式与平台生成的 id 相同；请使用本机构自己的 id',
  'all-ok': '全部正常',
  'write-done': '{{resource}} {{status}}，版本 {{version}}',
  'import-started': '导入 {{job}} 已开始',
  'import-summary':
    '{{status}}：共 {{total}} 条，接收 {{accepted}} 条，未变 {{unchanged}} 条，拒收 {{rejected}} 条',
  'if-none-exist-ambiguous': '有 {{count}} 个资源匹配；无法确定此次创建对应哪一个',
  'if-match-weak-etag': 'If-Match 必须是弱 ETag：W/"版本号"',
  'bundle-read-by-source': '数据源不能在 Bundle 中读取：请按数据共享协议用 GET /fhir/r4/{type} 读取',
  'bundle-delete': '不支持删除：请发送更正后的版本',
  'body-not-json': '请以 JSON 发送 {{type}}，Content-Type 为 application/fhir+json',
  'body-resource-type': '请求体必须是 {{type}} 资源',
  'resource-not-stored': '{{type}} 无法存储',
  'resource-type-supported': 'resourceType 必须是以下之一：{{types}}',
  'resource-unreadable': '无法读取该资源',
  'element-unknown': '无法识别的元素 {{element}}，已忽略',
  'identifier-kept-invalid': '{{problem}}；已保留，但不用于关联人员',
  'snomed-result-unknown': 'SNOMED CT {{code}} 不是已知的检测结果；按“其他”存储',
  'bundle-type': '只能提交 transaction 或 batch 类型的 Bundle',
  'bundle-entry-object': '条目必须是 JSON 对象',
  'bundle-full-url': '必须是 URI',
  'bundle-full-url-uuid': 'urn:uuid 形式的 fullUrl 必须含有 UUID',
  'bundle-full-url-repeated': '{{fullUrl}} 出现在多个条目中',
  'bundle-request-required': 'transaction 或 batch 中的条目必须有 request',
  'bundle-method-unsupported': '不支持 {{method}}',
  'bundle-method': '必须是 GET、POST、PUT 或 DELETE',
  'bundle-url-required': '必须有 url',
  'bundle-url-type': '{{type}} 不是支持的资源类型',
  'bundle-create-url': '创建请求应发往资源类型：url 必须是资源类型',
  'bundle-url-form': 'url 格式必须是 类型/id 或 类型?查询',
  'bundle-url-id': '{{id}} 不是有效的 id',
  'bundle-update-conditional': 'PUT 需要 类型/id（不支持条件更新）',
  'bundle-delete-conditional': 'DELETE 需要 类型/id（不支持条件删除）',
  'bundle-resource-required': '{{method}} 需要资源（resource）',
  'bundle-resource-type': '必须是 {{type}}，与 request.url 一致',
  'bundle-resource-id': '必须是 {{id}}，即 request.url 中的 id',
  'bundle-if-none-exist-post': 'ifNoneExist 只适用于 POST',
  'bundle-if-none-exist-query': '必须是查询字符串',
  'bundle-if-match': 'ifMatch 必须是 PUT 上的弱 ETag：W/"版本号"',
  'bundle-reference-unresolved': '{{reference}} 与此 transaction 中任何条目的 fullUrl 都不匹配',
  'body-json-invalid': '请求体不是 JSON：{{detail}}',
  'body-json-ndjson': '请求体不是 JSON：{{detail}}；NDJSON 请以 {{type}} 发送，每行一个资源',
  'search-masked-own-records':
    '按 {{param}} 检索需要明文可见 {{field}} 字段，您的角色或数据共享协议未授予；本数据源自己的记录可按 {{system}} 检索',
  ...validationReasonTextsZh,
};

/** Every code a Zod issue is given (`zodReasonOf`) is one of this table's: checked here, at compile time. */
export const zodReasonCodes: readonly ReasonCode[] = [
  ...commonValidationCodes,
  ...(Object.keys(validationReasonTexts) as Exclude<ZodReasonCode, (typeof commonValidationCodes)[number]>[]),
];
export const reasonCodes = Object.keys(reasonTexts) as ReasonCode[];
export type ReasonParams = Record<string, string | number>;

/** A reason in plain English with its code and parameters. */
export interface CodedReason {
  reason: string;
  code: ReasonCode;
  params?: ReasonParams;
}

/** The reason of a code, its English text filled in with the parameters. */
export function coded(code: ReasonCode, params?: ReasonParams): CodedReason {
  const reason = reasonTextIn('en', code, params);
  return params === undefined ? { reason, code } : { reason, code, params };
}

/** The code and parameters of a reason, to spread into an issue (`{ line, field, ...codeOf(r) }`). */
export function codeOf(reason: CodedReason): { code: ReasonCode; params?: ReasonParams } {
  return reason.params === undefined ? { code: reason.code } : { code: reason.code, params: reason.params };
}

const readReason = templateReader(reasonTexts, reasonCodes);

/**
 * The code and parameters of an English reason written without them: only a fallback, for reasons stored
 * before they had codes (an import job's issues, a webhook's pause reason), so that they are still
 * translated; the most literal matching text wins ('must be a number' is `number`, not `pattern` with a
 * hint). Undefined when no code's text matches.
 */
export function codedReasonOf(reason: string): CodedReason | undefined {
  const found = readReason(reason);
  return found && { reason, ...found };
}

/** The languages reasons are given in: the web app's two, and FHIR's `Accept-Language`. */
export type ReasonLanguage = 'en' | 'zh-CN';

/**
 * The Chinese of the pattern hints CSV templates give (`patternHint`, shown in the `pattern` reason), by their
 * English; a hint not listed here is shown in English (a test keeps every template's hint listed).
 */
export const patternHintsZh: Record<string, string> = {
  'a lower-case word such as mall or station': '小写英文单词，如 mall 或 station',
  'an ICD-10 code such as U07.1': 'ICD-10 编码，如 U07.1',
  'lower-case letters, digits, _ . -': '小写字母、数字、_ . -',
  'a code system URI': '编码体系 URI',
  'a row number and an optional letter, e.g. 12A': '排号加可选字母，如 12A',
  'a LOINC code such as 94500-6': 'LOINC 编码，如 94500-6',
};

/** Source types (sources.schema.ts) as the data sources page names them in Chinese. */
export const sourceTypesZh: Record<string, string> = {
  hospital: '医院',
  lab: '检测机构',
  cdc: '疾控中心',
  fever_clinic: '发热门诊',
  pharmacy: '药店',
  transport: '交通运输',
  hotel: '酒店',
  venue: '公共场所',
  community: '社区',
  port: '口岸',
};
const sourceTypeZh = (type: string) => sourceTypesZh[type] ?? type;

/** Purposes of use (@shuzhi/core `purposes`) as the web's header bar names them in Chinese. */
export const purposesZh: Record<string, string> = {
  case_investigation: '病例调查',
  contact_tracing: '密接追踪',
  surveillance: '监测分析',
  health_code: '健康码',
  quarantine_management: '隔离管理',
  community_management: '社区管理',
  port_health: '口岸卫生',
  data_submission: '数据报送',
  data_quality: '数据质量',
  self_service: '自助服务',
  audit: '审计',
  administration: '系统管理',
};

const purposeNamedZh = (purpose: string) =>
  purposesZh[purpose] === undefined ? purpose : `${purposesZh[purpose]}（${purpose}）`;

/**
 * Parameters that are English phrases or words themselves, in Chinese: a pattern hint, the problems of a
 * header, a source's type ("pharmacy 类数据源" read half in English).
 */
const phraseParamsZh: Partial<Record<ReasonCode, Record<string, (value: string) => string>>> = {
  // What a FHIR write did and how an import ended, as the answer's outcome names them.
  'write-done': {
    status: (status) => ({ created: '已创建', updated: '已更新', unchanged: '未改变' })[status] ?? status,
  },
  'import-summary': {
    status: (status) =>
      ({ accepted: '已接收', partial: '部分接收', rejected: '已拒收', failed: '失败', running: '进行中' })[
        status
      ] ?? status,
  },
  // An identifier's problem is its checker's English (identifiers/*); the one with a code reads in Chinese.
  'identifier-kept-invalid': { problem: (problem) => reasonZhOf({ reason: problem }) ?? problem },
  // A record not stored yet has no version: `If-Match` against it names 'none'.
  'if-match-stale': { current: (current) => (current === 'none' ? '无（尚无此记录）' : current) },
  'source-type-kind': { type: sourceTypeZh },
  'source-type-none': { type: sourceTypeZh },
  'import-kind-source-type': { type: sourceTypeZh },
  // A paused webhook's purpose, by its name rather than its code (`contact_tracing`).
  'webhook-no-agreement': { purpose: (purpose) => purposesZh[purpose] ?? purpose },
  // The gatekeeper's refusals name the purpose by its name and the code a client declares in X-Purpose-Of-Use.
  'agreement-none': { purpose: purposeNamedZh },
  'agreement-none-no-purpose': { purpose: purposeNamedZh },
  'purpose-undeclarable': { purpose: purposeNamedZh },
  pattern: {
    hint: (hint) => patternHintsZh[hint] ?? hint.replace(/^like (.+)$/, '形如 $1'),
  },
  'csv-header': {
    problems: (problems) =>
      problems
        .split('; ')
        .map((problem) =>
          problem
            .replace(/^missing /, '缺少 ')
            .replace(/^unknown /, '无法识别 ')
            .replace(/^repeated /, '重复 ')
            .replace(/\(empty\)/g, '（空）'),
        )
        .join('；'),
  },
};

/** The text of a code in a language, its `{{name}}` placeholders filled with the parameters. */
export function reasonTextIn(language: ReasonLanguage, code: ReasonCode, params?: ReasonParams): string {
  const template = language === 'en' ? reasonTexts[code] : reasonTextsZh[code];
  const phrases = language === 'en' ? undefined : phraseParamsZh[code];
  return template.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => {
    if (!params || !(name in params)) return whole;
    const value = String(params[name]);
    return phrases?.[name]?.(value) ?? value;
  });
}

/**
 * A reason in Chinese: from its code and parameters, or found from its English text (see `codedReasonOf`);
 * undefined when it has neither (an error message no code describes), for the caller to show the English.
 */
export function reasonZhOf(reason: {
  reason: string;
  code?: ReasonCode | undefined;
  params?: ReasonParams | undefined;
}): string | undefined {
  const found = reason.code ? { code: reason.code, params: reason.params } : codedReasonOf(reason.reason);
  return found ? reasonTextIn('zh-CN', found.code, found.params) : undefined;
}
