// The part of Electronegativity's programmatic API (its README, "Programmatically") that
// scripts/check-electron.ts uses; the package ships no types.
declare module '@doyensec/electronegativity' {
  export interface Finding {
    id: string
    file: string
    location: { line: number; column: number }
    description: string
    sample?: string
    severity: { name: string }
    confidence: { name: string }
    manualReview: boolean
  }
  export interface Report {
    globalChecks: number
    atomicChecks: number
    issues: Finding[]
    errors: { file: string; message: string; tolerable: boolean }[]
  }
  export default function run(options: {
    input: string
    isRelative?: boolean
    electronVersionOverride?: string
    excludeFromScan?: string[]
  }): Promise<Report>
}
