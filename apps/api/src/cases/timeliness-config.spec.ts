import { DEMO_HANDOFF_SOP } from '@waymark/workflows/demo-handoff/demo-handoff.sop';
import { validateTimelinessFile } from './timeliness-config';

describe('validateTimelinessFile', () => {
  it('accepts overrides of declared steps', () => {
    expect(
      validateTimelinessFile(
        {
          reminderShare: 0.5,
          calendar: 'working',
          targets: [{ sop: 'demo-handoff', step: 'review-intake', agency: 'demo-a', target: 'PT2S' }],
        },
        [DEMO_HANDOFF_SOP],
      ),
    ).toEqual([]);
  });

  it('lists every problem at once', () => {
    const problems = validateTimelinessFile(
      {
        reminderShare: 1.5,
        calendar: 'lunar',
        extra: true,
        targets: [
          { sop: 'nope', step: 'x', target: 'P1D' },
          { sop: 'demo-handoff', step: 'nope', target: 'soon' },
        ],
      },
      [DEMO_HANDOFF_SOP],
    );
    expect(problems).toEqual([
      'extra: not a known setting',
      'reminderShare: must be a number between 0 and 1 (exclusive)',
      'calendar: must be "calendar" or "working"',
      'targets[0].sop: must be one of demo-handoff',
      'targets[1].step: demo-handoff has no such step',
      'targets[1].target: must be a positive ISO 8601 duration such as PT4H or P2D',
    ]);
  });
});
