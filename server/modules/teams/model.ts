import { TEAM_NAME_MAX } from '../../services/teams';
import { TEAM_NAME_MAX as SHARED_TEAM_NAME_MAX } from '../../../shared/types/limits';

export { createTeamBody, updateTeamBody, teamResponses } from '../../../shared/contract/teams';

// The schema's limit is the service's (until the service imports it from shared/types/limits).
TEAM_NAME_MAX satisfies typeof SHARED_TEAM_NAME_MAX;
