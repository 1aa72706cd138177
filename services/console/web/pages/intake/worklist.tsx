export function IntakeWorklistPage(_props: Record<string, unknown>) { return <section class="page"><h1>建设中</h1></section>; }
