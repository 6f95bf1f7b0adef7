/** What a new OMICall emulator starts with: bot scripts, evaluation criteria, calls and logs. */
import { hex24, uuid, type Json } from './answers';

/** Two bot scripts with their variables. */
export function seedScripts(): Json[] {
	return [
		{
			id: '64915bc76a690c0edad14723',
			name: 'Thông báo điểm thi',
			variables: [
				{
					field_name: 'tên thí sinh',
					field_code: 'tên thí sinh',
					field_value: '',
					field_type: '',
					type: '',
					is_dynamic_attribute: true,
				},
				{
					field_name: 'Toán',
					field_code: 'uB131frQEU',
					field_value: '',
					field_type: 'single_text',
					type: 'CONTACT',
					is_dynamic_attribute: true,
				},
			],
		},
		{
			id: '653b155db0f7941234567890',
			name: 'Nhắc lịch hẹn',
			variables: [
				{
					field_name: 'Danh xưng',
					field_code: 'gender1',
					field_value: '',
					field_type: 'single_text',
					type: 'CONTACT',
					is_dynamic_attribute: true,
				},
				{
					field_name: 'Họ tên',
					field_code: 'full_name',
					field_value: '',
					field_type: 'single_text',
					type: 'CONTACT',
					is_dynamic_attribute: true,
				},
			],
		},
	];
}

export function seedCriteria(): Json[] {
	return [
		{ _id: '65a000000000000000000001', name: 'Chào hỏi', max_score: 10 },
		{ _id: '65a000000000000000000002', name: 'Giải quyết vấn đề', max_score: 10 },
	];
}

/** `count` calls, one per `spacing` ms going back from `now`. */
export function seedCalls(now: number, count: number, spacing: number): Json[] {
	const calls: Json[] = [];
	const directions = ['outbound', 'inbound', 'outbound', 'local'];
	for (let i = 0; i < count; i++) {
		const created = now - i * spacing;
		const answered = i % 3 !== 0;
		calls.push({
			transaction_id: uuid(`call-${i}`),
			direction: directions[i % 4],
			source_number: '842899990338',
			destination_number: `03951873${String(i % 100).padStart(2, '0')}`,
			disposition: answered ? 'answered' : 'cancelled',
			duration: 20 + (i % 40),
			bill_sec: answered ? 10 + (i % 30) : 0,
			record_seconds: answered ? 10 + (i % 30) : 0,
			time_start_to_answer: Math.floor(created / 1000),
			recording_file: `https://public-v1-stg.omicrm.com/third_party/recording/uc?id=${i}&code=${uuid(`call-${i}`)}`,
			sip_user: String(100 + (i % 5)),
			provider: 'viettel',
			call_out_price: 2389,
			note: '',
			tag: [],
			ivr: 'none',
			is_auto_call: i % 2 === 0,
			created_date: created,
			last_updated_date: created + 3000,
			user: [{ full_name: 'TestBoss 123', full_name_unsigned: 'TestBoss 123', note: '', tag: [] }],
			customer: { full_name: `Khách hàng ${i}`, full_name_unsigned: `Khach hang ${i}` },
			is_have_forward_out: false,
			bill_sec_forward_out: 0,
		});
	}
	return calls;
}

/** 140 analyzed call-bot logs, one a minute going back from `now` (130 of one campaign). */
export function seedAnalyzedLogs(now: number): Json[] {
	const logs: Json[] = [];
	for (let i = 0; i < 140; i++) {
		logs.push({
			_id: hex24(`log-${i}`),
			tenant_id: '67eb4821758a5a4891925d99',
			is_deleted: false,
			created_date: now - i * 60_000,
			last_updated_date: now - i * 60_000,
			content: i % 2 ? 'vâng' : 'không',
			content_search: i % 2 ? 'vang' : 'khong',
			status: 'new',
			intent: i % 2 ? 'omi_intent_confirm_right' : 'omi_intent_deny',
			session_id: uuid(`session-${i}`),
			node_id: 'peIbVXdZuH',
			ref_uuid: i < 130 ? '67ee1138e4c40956087cd265' : 'other-campaign-00000000',
			callbot_uuid: 'e6465c1d-ab6f-472b-a0bb-e21588298882',
		});
	}
	return logs;
}
