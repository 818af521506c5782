/**
 * `@featurelab/core/validation`: compile a validation suite (schemas/validation-suite.schema.json)
 * against a table schema into a plan with the fewest scans, render it as Spark SQL or DuckDB
 * SQL, and evaluate metric values into check results. Pure TypeScript: engines live elsewhere
 * (server-ext/src/validation for DuckDB, kernel-bridge/python/featurelab/validation for Spark).
 */
export {
  compileSuite,
  durationSeconds,
  suiteReferences,
  ValidationSuiteError,
  type CompileOptions,
  type SchemaLookup,
  type SuiteProblem
} from './compile.js';
export {
  evaluateCheck,
  evaluatePlan,
  ROW_COUNT_METRIC,
  type CheckResult,
  type CheckStatus,
  type MetricValue,
  type MetricValues,
  type SuiteResult
} from './evaluate.js';
export type { Agg, Expr } from './expr.js';
export type * from './plan.js';
export {
  renderPlan,
  renderRelation,
  renderSample,
  type RelationSource,
  type RelationSources,
  type RenderedPlan,
  type RenderedQuery
} from './render.js';
export {
  checkPredicate,
  quoteIdentifier,
  quoteString,
  type Dialect,
  type PredicateProblem
} from './sql-text.js';
export {
  duckdbSchema,
  parseDuckdbTypeText,
  parseSparkTypeText,
  TypeTextError
} from './type-text.js';
export { fromSparkJson, simpleString, type DataType, type StructField } from '../sql/types.js';
export {
  assembleProfile,
  HISTOGRAM_BUCKETS,
  planProfile,
  PROFILE_QUANTILES,
  renderProfileGroups,
  renderProfileStats,
  TOP_VALUES,
  type ColumnProfile,
  type ProfilePlan,
  type TableProfile
} from './profile.js';
